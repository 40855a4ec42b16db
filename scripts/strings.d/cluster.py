# Several app nodes and a read replica (issue 15): where the figures of a dashboard or a report were read, and how fresh they are.
S = {
 "Fresh.Replica": ("数据截至 {0}（只读副本）", "Data as of {0} (read replica)"),
 "Fresh.ReplicaLag": ("数据截至 {0}（只读副本，滞后约 {1} 秒）", "Data as of {0} (read replica, about {1} s behind)"),
 "Fresh.Primary": ("数据为最新（主库）", "Data up to date (primary database)"),
 "Fresh.ReplicaTip": ("本页的统计数据读自只读副本，可能比刚刚保存的记录稍晚；刷新即可看到最新数据", "This page's figures are read from a read replica and may trail a record saved a moment ago; refresh to see the newest"),
 "Fresh.PrimaryTip": ("只读副本不可用或未同步时，统计数据直接读自主库", "When the read replica is unavailable, figures are read from the primary database"),
}
