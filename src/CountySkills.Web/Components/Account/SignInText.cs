namespace CountySkills.Web.Components.Account;

/// <summary>The sign-in form's required-field messages in the current culture (DataAnnotations reads them as resource properties).</summary>
public static class SignInText
{
    public static string UserNameRequired => Say.Text("Ui.Req.UserName");
    public static string PasswordRequired => Say.Text("Ui.Req.Password");
}
