namespace CountySkills.Web.Features.Subsidies;

/// <summary>Every endpoint of Subsidies (claims, notices, objections, payments, budgets, rules, and the public notice pages), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class SubsidiesApi
{
    public static RouteGroupBuilder MapSubsidies(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Subsidies");
        Rules.Map(g);
        CheckEligibility.Map(g);
        CreateClaim.Map(g);
        ListClaims.Map(g);
        TransitionClaim.Map(g);   // submit, withdraw, review, return, publish, approve: SubmitClaim.cs … ApproveClaim.cs
        DecideLine.Map(g);
        PublicNotices.Map(g);
        FileObjection.Map(g);
        ListObjections.Map(g);
        ResolveObjection.Map(g);
        CreatePaymentBatch.Map(g);
        ListPaymentBatches.Map(g);
        GetPaymentBatch.Map(g);
        ExportPaymentBatch.Map(g);
        RecordPaymentResults.Map(g);
        ListBudgets.Map(g);
        SaveBudget.Map(g);
        ImportHistory.Map(g);
        return api;
    }

    /// <summary>The area's pages outside /api (anonymous unless they say otherwise).</summary>
    public static IEndpointRouteBuilder MapSubsidyPages(this IEndpointRouteBuilder site)
    {
        PublicNotices.MapPages(site);
        return site;
    }
}
