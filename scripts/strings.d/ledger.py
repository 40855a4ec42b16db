# Strings of the ledger branch: the township -> village picker and the ledger following placements.
S = {
 "VillagePicker.PickTownship": ("请选择乡镇（街道）", "Choose the township"),
 "VillagePicker.PickVillage": ("请选择所在村（社区）", "Choose the village"),
 "Import.ExampleSkipped": ("模板的示例行（姓名“示例（导入前删除）”）已跳过，未登记", "The template's example row (named “示例（导入前删除）”) was skipped, not recorded"),
}
