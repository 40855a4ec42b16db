using CountySkills.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CountySkills.Web.Data;

sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> e)
    {
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(12);
        e.Property(x => x.ParentCode).HasMaxLength(12);
        e.Property(x => x.Name).HasMaxLength(60);
        e.HasIndex(x => x.ParentCode);
    }
}

sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.IdNumber).HasMaxLength(18);
        e.HasIndex(x => x.IdNumber).IsUnique();
        e.Property(x => x.Name).HasMaxLength(50);
        e.Property(x => x.Phone).HasMaxLength(11);
        e.HasIndex(x => x.Phone);
        e.Property(x => x.AreaCode).HasMaxLength(12);
        e.Property(x => x.TownshipCode).HasMaxLength(9);
        // Name search (a prefix range) with the list's other filters, counted from the index alone.
        e.HasIndex(x => new { x.Name, x.TownshipCode, x.EmploymentStatus, x.BirthDate, x.Tags, x.MergedIntoId }).HasDatabaseName("IX_People_Name");
        // Township scope or filter with ORDER BY Id: this index yields a township's rows already in Id order.
        e.HasIndex(x => x.TownshipCode);
        e.Property(x => x.Notes).HasMaxLength(2000);
        e.HasIndex(x => new { x.AreaCode, x.Name, x.BirthDate });
        e.HasIndex(x => x.MergedIntoId);
        // Covers the ledger list's count for the usual filters (township, status, age, tag) without touching the table.
        e.HasIndex(x => new { x.TownshipCode, x.EmploymentStatus, x.BirthDate, x.Tags, x.MergedIntoId }).HasDatabaseName("IX_People_List");
        e.Property(x => x.HouseholdNumber).HasMaxLength(30);
        foreach (var p in new[] { nameof(Person.WorkProvince), nameof(Person.WorkCity), nameof(Person.Industry), nameof(Person.Occupation),
                     nameof(Person.TrainingWish), nameof(Person.JobWish) })
            e.Property(p).HasMaxLength(50);
        e.Property(x => x.Employer).HasMaxLength(100);
        e.Ignore(x => x.IsMerged);
    }
}

sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> e)
    {
        e.Property(x => x.Kind).HasMaxLength(30);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.UserName).HasMaxLength(100);
        e.HasIndex(x => x.Sha256);
    }
}

sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> e)
    {
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.HasIndex(x => x.CreditCode).IsUnique();
        e.Property(x => x.AreaCode).HasMaxLength(12);
        e.HasIndex(x => x.AreaCode);
    }
}

sealed class EmployerConfiguration : IEntityTypeConfiguration<Employer>
{
    public void Configure(EntityTypeBuilder<Employer> e)
    {
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.HasIndex(x => x.CreditCode).IsUnique();
    }
}

sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(x => x.Action).HasMaxLength(20);
        e.Property(x => x.Entity).HasMaxLength(60);
        e.Property(x => x.EntityKey).HasMaxLength(100);
        e.Property(x => x.UserId).HasMaxLength(100);
        e.Property(x => x.UserName).HasMaxLength(100);
        e.HasIndex(x => x.AtUtc);
        e.HasIndex(x => new { x.Entity, x.EntityKey });
        e.HasIndex(x => x.UserName);
    }
}
