using CountySkills.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CountySkills.Web.Data;

sealed class SubsidyRulesConfiguration : IEntityTypeConfiguration<SubsidyRules>
{
    public void Configure(EntityTypeBuilder<SubsidyRules> e)
    {
        e.Property(x => x.ChangedBy).HasMaxLength(100);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.Holidays).HasMaxLength(4000);
        e.Property(x => x.ExtraWorkdays).HasMaxLength(2000);
        e.HasIndex(x => x.EffectiveFromUtc);
        e.HasIndex(x => x.BasedOnId).IsUnique();
    }
}

sealed class SubsidyClaimConfiguration : IEntityTypeConfiguration<SubsidyClaim>
{
    public void Configure(EntityTypeBuilder<SubsidyClaim> e)
    {
        e.ToTable("Claims");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Number).HasMaxLength(20);
        e.HasIndex(x => x.Number).IsUnique();
        e.Property(x => x.PublicCode).HasMaxLength(20);
        e.HasIndex(x => x.PublicCode).IsUnique();
        // One claim per class.
        e.HasIndex(x => x.ClassId).IsUnique();
        e.HasIndex(x => new { x.InstitutionId, x.Status });
        e.HasIndex(x => new { x.Status, x.ClaimedOn });
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.Property(x => x.ReviewedBy).HasMaxLength(100);
        e.Property(x => x.ApprovedBy).HasMaxLength(100);
        e.Property(x => x.Note).HasMaxLength(1000);
        e.HasOne(x => x.Class).WithMany().HasForeignKey(x => x.ClassId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Institution).WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SubsidyRules>().WithMany().HasForeignKey(x => x.RulesId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.ClaimId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Transitions).WithOne().HasForeignKey(x => x.ClaimId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.Editable);
        e.Ignore(x => x.FirstSubmission);
    }
}

sealed class ClaimLineConfiguration : IEntityTypeConfiguration<ClaimLine>
{
    public void Configure(EntityTypeBuilder<ClaimLine> e)
    {
        e.Property(x => x.CertificateNumber).HasMaxLength(40);
        // A line is put in a payment batch only from the state it was read in: two batches at once cannot both take it.
        e.Property(x => x.Payment).IsConcurrencyToken();
        e.Property(x => x.AttendancePercent).HasPrecision(5, 1);
        e.Property(x => x.Reasons).HasMaxLength(300);
        e.Property(x => x.Explanations).HasMaxLength(4000);
        e.Property(x => x.DecisionReason).HasMaxLength(500);
        e.Property(x => x.DecidedBy).HasMaxLength(100);
        e.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Enrolment>().WithMany().HasForeignKey(x => x.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Occupation>().WithMany().HasForeignKey(x => x.OccupationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ClaimId, x.EnrolmentId }).IsUnique();
        // A person's subsidies (eligibility history, timeline) from the index.
        e.HasIndex(x => new { x.PersonId, x.Decision });
        e.Ignore(x => x.ReasonList);
        e.Ignore(x => x.ExplanationList);
        e.Ignore(x => x.TotalFen);
    }
}

sealed class ClaimTransitionConfiguration : IEntityTypeConfiguration<ClaimTransition>
{
    public void Configure(EntityTypeBuilder<ClaimTransition> e)
    {
        e.Property(x => x.UserName).HasMaxLength(100);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.HasIndex(x => x.ClaimId);
    }
}

sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> e)
    {
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Contact).HasMaxLength(100);
        e.Property(x => x.Text).HasMaxLength(2000);
        e.Property(x => x.Resolution).HasMaxLength(1000);
        e.Property(x => x.ResolvedBy).HasMaxLength(100);
        e.HasOne<SubsidyClaim>().WithMany().HasForeignKey(x => x.ClaimId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ClaimLine>().WithMany().HasForeignKey(x => x.LineId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ClaimId, x.Status });
    }
}

sealed class PaymentBatchConfiguration : IEntityTypeConfiguration<PaymentBatch>
{
    public void Configure(EntityTypeBuilder<PaymentBatch> e)
    {
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Number).HasMaxLength(30);
        e.HasIndex(x => x.Number).IsUnique();
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class PaymentItemConfiguration : IEntityTypeConfiguration<PaymentItem>
{
    public void Configure(EntityTypeBuilder<PaymentItem> e)
    {
        e.Property(x => x.FailureReason).HasMaxLength(200);
        e.HasOne(x => x.Line).WithMany().HasForeignKey(x => x.LineId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.LineId);
    }
}

sealed class SubsidyBudgetConfiguration : IEntityTypeConfiguration<SubsidyBudget>
{
    public void Configure(EntityTypeBuilder<SubsidyBudget> e)
    {
        e.ToTable("Budgets");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Note).HasMaxLength(500);
        e.HasIndex(x => new { x.Year, x.Fund }).IsUnique();
    }
}

sealed class HistoricSubsidyConfiguration : IEntityTypeConfiguration<HistoricSubsidy>
{
    public void Configure(EntityTypeBuilder<HistoricSubsidy> e)
    {
        e.Property(x => x.IdNumber).HasMaxLength(18);
        e.HasIndex(x => x.IdNumber);
        e.HasIndex(x => x.PersonId);
        e.Property(x => x.Name).HasMaxLength(50);
        e.Property(x => x.OccupationName).HasMaxLength(50);
        e.Property(x => x.CertificateNumber).HasMaxLength(40);
        e.Property(x => x.InstitutionName).HasMaxLength(100);
        e.Property(x => x.Key).HasMaxLength(120);
        e.HasIndex(x => x.Key).IsUnique();
        e.HasOne<Occupation>().WithMany().HasForeignKey(x => x.OccupationId).OnDelete(DeleteBehavior.Restrict);
    }
}
