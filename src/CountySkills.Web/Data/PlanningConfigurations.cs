using CountySkills.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CountySkills.Web.Data;

sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> e)
    {
        e.Property(x => x.Code).HasMaxLength(20);
        e.Property(x => x.Name).HasMaxLength(60);
        e.Property(x => x.NameEn).HasMaxLength(100);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => x.Code).IsUnique();
    }
}

sealed class LeadershipMemberConfiguration : IEntityTypeConfiguration<LeadershipMember>
{
    public void Configure(EntityTypeBuilder<LeadershipMember> e)
    {
        e.Property(x => x.Name).HasMaxLength(40);
        e.Property(x => x.GroupPost).HasMaxLength(20);
        e.Property(x => x.Office).HasMaxLength(100);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.SetNull);
    }
}

sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> e)
    {
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.Property(x => x.IssuedBy).HasMaxLength(100);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => x.Year);
        e.Ignore(x => x.Items);
        e.HasMany(x => x.Revisions).WithOne().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class PlanRevisionConfiguration : IEntityTypeConfiguration<PlanRevision>
{
    public void Configure(EntityTypeBuilder<PlanRevision> e)
    {
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.By).HasMaxLength(100);
        e.HasIndex(x => new { x.PlanId, x.Number }).IsUnique();
    }
}

sealed class ReportedValueConfiguration : IEntityTypeConfiguration<ReportedValue>
{
    public void Configure(EntityTypeBuilder<ReportedValue> e)
    {
        e.Property(x => x.IndicatorKey).HasMaxLength(60);
        e.Property(x => x.AreaCode).HasMaxLength(12);
        e.Property(x => x.Value).HasPrecision(18, 2);
        e.Property(x => x.Note).HasMaxLength(1000);
        e.Property(x => x.AttachmentName).HasMaxLength(200);
        e.Property(x => x.AttachmentType).HasMaxLength(100);
        e.Property(x => x.EnteredBy).HasMaxLength(100);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.Day);
        // One value per indicator, month and place.
        e.HasIndex(x => new { x.IndicatorKey, x.Year, x.Month, x.AreaCode }).IsUnique();
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.SetNull);
    }
}

sealed class ReportNarrativeConfiguration : IEntityTypeConfiguration<ReportNarrative>
{
    public void Configure(EntityTypeBuilder<ReportNarrative> e)
    {
        e.Property(x => x.Period).HasMaxLength(9);
        e.Property(x => x.Section).HasMaxLength(40);
        e.Property(x => x.Text).HasMaxLength(20000);
        e.Property(x => x.UpdatedBy).HasMaxLength(100);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.Period, x.Section }).IsUnique();
    }
}
