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
        e.HasIndex(x => x.AreaCode);
        e.HasIndex(x => new { x.TownshipCode, x.Name });
        e.HasIndex(x => x.Name);
        e.Property(x => x.Notes).HasMaxLength(2000);
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
