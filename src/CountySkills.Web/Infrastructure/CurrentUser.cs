using System.Security.Claims;
using CountySkills.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CountySkills.Web.Infrastructure;

/// <summary>
/// Who is acting and what they may see. Filled from the HTTP request (API, static pages) or from the Blazor
/// circuit's authentication state, so handlers get the same object either way.
/// </summary>
public sealed class CurrentUser
{
    ClaimsPrincipal _principal = new(new ClaimsIdentity());

    public ClaimsPrincipal Principal => _principal;
    public void Set(ClaimsPrincipal principal) => _principal = principal;

    public bool IsAuthenticated => _principal.Identity?.IsAuthenticated == true;
    public string? UserId => _principal.FindFirstValue(ClaimTypes.NameIdentifier);
    public string UserName => _principal.Identity?.Name ?? "anonymous";
    public string DisplayName => _principal.FindFirstValue(ScopeClaims.DisplayName) ?? UserName;
    public bool IsInRole(string role) => _principal.IsInRole(role);
    public string? Role => Roles.All.FirstOrDefault(IsInRole);

    /// <summary>Area-code prefix this user is limited to; null when not limited by area.</summary>
    public string? AreaScope => _principal.FindFirstValue(ScopeClaims.Area);
    /// <summary>The area scope holds the whole installation: no area filter is needed (see AppClaimsFactory).</summary>
    /// <summary>A township officer without a township-sized area scope: sees nothing rather than everything.</summary>
    public bool ScopeBroken => IsInRole(Roles.TownshipOfficer) && AreaScope is not { Length: 9 };
    public bool AreaCoversAll => _principal.HasClaim(ScopeClaims.AreaCoversAll, "true");
    public long? InstitutionId => long.TryParse(_principal.FindFirstValue(ScopeClaims.Institution), out var v) ? v : null;
    public long? EmployerId => long.TryParse(_principal.FindFirstValue(ScopeClaims.Employer), out var v) ? v : null;

    /// <summary>Sees every record of the installation (county staff, viewers and auditors read everything).</summary>
    public bool SeesEverything => IsInRole(Roles.Admin) || IsInRole(Roles.CountyOfficer) || IsInRole(Roles.Auditor) || IsInRole(Roles.Viewer);
    /// <summary>County staff (Admin, county officer): they see the whole ledger and get the full refusal messages.</summary>
    public bool IsCounty() => IsInRole(Roles.Admin) || IsInRole(Roles.CountyOfficer);
    public bool CanWrite => IsAuthenticated && !IsInRole(Roles.Viewer) && !IsInRole(Roles.Auditor);
    public bool MayRevealPersonalData => this.Has(Perm.PeopleReveal);
}

/// <summary>
/// Keeps <see cref="CurrentUser"/> in step with the circuit's authentication state, and checks the account again
/// before every action in the circuit (a click, a form, a navigation): a disabled, locked-out or re-passworded account
/// is signed out at that action, and a changed role or scope applies to it.
/// </summary>
public sealed class CurrentUserCircuitHandler(AuthenticationStateProvider auth, CurrentUser user, AccountGate gate, TimeProvider clock) : CircuitHandler, IDisposable
{
    static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(250);
    DateTimeOffset _checked;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
    {
        user.Set((await auth.GetAuthenticationStateAsync()).User);
        _checked = clock.GetUtcNow();
        auth.AuthenticationStateChanged += OnChanged;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) => async ctx =>
    {
        await CheckAccountAsync();
        await next(ctx);
    };

    async Task CheckAccountAsync()
    {
        if (!user.IsAuthenticated || clock.GetUtcNow() - _checked < Recheck) return;
        _checked = clock.GetUtcNow();
        ClaimsPrincipal? fresh;
        try { fresh = await gate.RefreshAsync(user.Principal, CancellationToken.None); }
        catch (Exception) { return; } // the database did not answer: the next action checks again
        if (fresh is not null) { user.Set(fresh); return; }
        var signedOut = new ClaimsPrincipal(new ClaimsIdentity());
        user.Set(signedOut);
        // The router shows its not-signed-in view, which leads to the sign-in page with a full load (the cookie is refused there too).
        if (auth is IHostEnvironmentAuthenticationStateProvider host) host.SetAuthenticationState(Task.FromResult(new AuthenticationState(signedOut)));
    }

    async void OnChanged(Task<AuthenticationState> state)
    {
        try { user.Set((await state).User); } catch { /* keep the previous principal */ }
    }

    public void Dispose() => auth.AuthenticationStateChanged -= OnChanged;
}
