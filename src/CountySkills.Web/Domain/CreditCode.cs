namespace CountySkills.Web.Domain;

/// <summary>Unified social credit code of an organisation (GB 32100-2015).</summary>
public readonly record struct CreditCode
{
    const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public string Value { get; }
    CreditCode(string value) => Value = value;
    public override string ToString() => Value;

    /// <summary>91 enterprise, 92 sole trader, 93 farmers' cooperative, 12 public institution, 52 private non-enterprise.</summary>
    public string KindCode => Value[..2];

    public static bool TryParse(string? text, out CreditCode code, out string? error)
    {
        code = default;
        var s = IdNumber.Normalise(text);
        if (s.Length != 18 || s.Any(c => Alphabet.IndexOf(c) < 0))
        {
            error = "统一社会信用代码应为18位，由数字和大写字母组成（不含 I、O、Z、S、V）";
            return false;
        }
        var check = ComputeCheck(s);
        if (check != s[17])
        {
            error = $"统一社会信用代码校验位错误（应为 {check}）";
            return false;
        }
        code = new CreditCode(s);
        error = null;
        return true;
    }

    public static CreditCode Parse(string text) =>
        TryParse(text, out var c, out var e) ? c : throw new FormatException(e);

    public static char ComputeCheck(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        var v = 31 - sum % 31;
        return Alphabet[v == 31 ? 0 : v];
    }
}
