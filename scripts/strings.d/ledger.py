# Strings of the ledger branch: the township -> village picker and the ledger following placements.
S = {
 "VillagePicker.PickTownship": ("请选择乡镇（街道）", "Choose the township"),
 "VillagePicker.PickVillage": ("请选择所在村（社区）", "Choose the village"),
}
