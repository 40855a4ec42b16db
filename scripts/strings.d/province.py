# Area scopes above the county (a province, a city, a county) for the accounts of county staff, viewers, auditors and administrators.
S = {
 "Users.Area": ("限定地区（选填）", "Limit to an area (optional)"),
 "Users.AreaHelp": ("可选省、市、县；不选则可查看全部辖区", "A province, a city or a county; leave empty for everything"),
 "Users.ViewerArea": ("限定地区或乡镇（选填）", "Limit to an area or a township (optional)"),
}
