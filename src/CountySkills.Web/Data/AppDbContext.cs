using CountySkills.Web.Domain;
using CountySkills.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CountySkills.Web.Data;

/// <summary>
/// The one model. Two provider-specific subclasses own the two migration sets (ADR 0002); everything else
/// only ever sees <see cref="AppDbContext"/>.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<LedgerStamp> LedgerStamps => Set<LedgerStamp>();
    public DbSet<Institution> Institutions => Set<Institution>();
    public DbSet<Employer> Employers => Set<Employer>();
    public DbSet<Occupation> Occupations => Set<Occupation>();
    public DbSet<TrainingClass> Classes => Set<TrainingClass>();
    public DbSet<ClassTransition> ClassTransitions => Set<ClassTransition>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<TrainingSession> Sessions => Set<TrainingSession>();
    public DbSet<AttendanceRecord> Attendance => Set<AttendanceRecord>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<Inspection> Inspections => Set<Inspection>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<SubsidyRules> SubsidyRules => Set<SubsidyRules>();
    public DbSet<SubsidyClaim> Claims => Set<SubsidyClaim>();
    public DbSet<ClaimLine> ClaimLines => Set<ClaimLine>();
    public DbSet<ClaimTransition> ClaimTransitions => Set<ClaimTransition>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<PaymentBatch> PaymentBatches => Set<PaymentBatch>();
    public DbSet<PaymentItem> PaymentItems => Set<PaymentItem>();
    public DbSet<SubsidyBudget> Budgets => Set<SubsidyBudget>();
    public DbSet<HistoricSubsidy> HistoricSubsidies => Set<HistoricSubsidy>();
    public DbSet<LabourBase> LabourBases => Set<LabourBase>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<JobOrder> JobOrders => Set<JobOrder>();
    public DbSet<Placement> Placements => Set<Placement>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<EmploymentAlert> Alerts => Set<EmploymentAlert>();
    public DbSet<Brand> Brands => Set<Brand>();
    public DbSet<BrandPartner> BrandPartners => Set<BrandPartner>();
    public DbSet<BrandBase> BrandBases => Set<BrandBase>();
    public DbSet<BrandMember> BrandMembers => Set<BrandMember>();
    public DbSet<StarChange> StarChanges => Set<StarChange>();
    public DbSet<MemberFeedback> Feedback => Set<MemberFeedback>();
    public DbSet<Incubator> Incubators => Set<Incubator>();
    public DbSet<Business> Businesses => Set<Business>();
    public DbSet<BusinessSupport> BusinessSupport => Set<BusinessSupport>();
    public DbSet<LabourEvent> Events => Set<LabourEvent>();
    public DbSet<TypicalCase> Cases => Set<TypicalCase>();
    public DbSet<CasePhoto> CasePhotos => Set<CasePhoto>();
    public DbSet<SettingVersion> SettingVersions => Set<SettingVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<LeadershipMember> LeadershipMembers => Set<LeadershipMember>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanRevision> PlanRevisions => Set<PlanRevision>();
    public DbSet<ReportedValue> ReportedValues => Set<ReportedValue>();
    public DbSet<ReportNarrative> ReportNarratives => Set<ReportNarrative>();
    public DbSet<Notification> Notifications => Set<Notification>();

    /// <summary>Who is changing data through this context; written into every audit entry.</summary>
    public AuditActor Actor { get; set; } = AuditActor.System;

    /// <summary>The audit rows of the save in progress on this context (see <see cref="AuditInterceptor"/>); per context, never shared.</summary>
    internal AuditInterceptor.Save? PendingAudit { get; set; }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, t => t.Namespace == typeof(AppDbContext).Namespace);
    }
}

public sealed record AuditActor(string? UserId, string UserName)
{
    public static readonly AuditActor System = new(null, "system");
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    /// <summary>People carries AFTER triggers (the ledger stamps), which SQLite's RETURNING clause cannot be used with.</summary>
    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<Person>().ToTable(t => t.UseSqlReturningClause(false));
    }
}
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    /// <summary>Area codes compare byte-wise ("C") so prefix ranges and LIKE 'prefix%' use their indexes.</summary>
    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<Region>().Property(x => x.Code).UseCollation("C");
        b.Entity<Region>().Property(x => x.ParentCode).UseCollation("C");
        b.Entity<Person>().Property(x => x.AreaCode).UseCollation("C");
        b.Entity<Person>().Property(x => x.TownshipCode).UseCollation("C");
        // Names too, as SQLite compares them: a name prefix (LIKE '王%') is then a range of the name index, and names sort alike on both.
        b.Entity<Person>().Property(x => x.Name).UseCollation("C");
        b.Entity<LedgerStamp>().Property(x => x.TownshipCode).UseCollation("C");
        b.Entity<Institution>().Property(x => x.AreaCode).UseCollation("C");
        b.Entity<Placement>().Property(x => x.AreaCode).UseCollation("C");
        b.Entity<FollowUp>().Property(x => x.AreaCode).UseCollation("C");
        b.Entity<EmploymentAlert>().Property(x => x.AreaCode).UseCollation("C");
        b.Entity<Business>().Property(x => x.AreaCode).UseCollation("C");
        b.Entity<Incubator>().Property(x => x.AreaCode).UseCollation("C");
        b.Entity<ReportedValue>().Property(x => x.AreaCode).UseCollation("C");
    }
}
