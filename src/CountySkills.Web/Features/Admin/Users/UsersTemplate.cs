using CountySkills.Web.Infrastructure.Excel;

namespace CountySkills.Web.Features.Admin.Users;

/// <summary>The bulk-onboarding sheet to fill in: the headers <see cref="ImportUsers"/> reads and one example row,
/// which the import recognises by its user name and never turns into an account.</summary>
public static class UsersTemplate
{
    /// <summary>A user name starting with this marks the template's example row.</summary>
    public const string ExampleMark = "示例";

    public static byte[] Workbook()
    {
        var example = new Dictionary<string, object?>
        {
            ["用户名"] = $"{ExampleMark}-liuhe01", ["姓名"] = "柳河镇 劳动保障专干（示例行，导入前请删除）", ["手机号"] = "13800000000",
            ["角色"] = "乡镇专干", ["乡镇"] = "柳河镇", ["培训机构"] = "（培训机构人员填写，名称须与名录一致）", ["用工单位"] = "（用工单位人员填写，名称须与名录一致）",
        };
        return SheetWriter.Xlsx([example]);
    }

    public static void Map(RouteGroupBuilder api) => api.MapGet("/admin/users/import-template", () => TypedResults.File(Workbook(), Infrastructure.Excel.UploadForm.Xlsx, "批量开户模板.xlsx"))
        .WithName("UsersImportTemplate").WithTags("Admin").RequirePermission(Perm.UsersManage)
        .WithSummary("The bulk-onboarding template (用户名, 姓名, 手机号, 角色, 乡镇, 培训机构, 用工单位) with one example row");
}
