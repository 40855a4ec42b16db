using CountySkills.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CountySkills.Web.Data;

sealed class BrandConfiguration : IEntityTypeConfiguration<Brand>
{
    public void Configure(EntityTypeBuilder<Brand> e)
    {
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Name).HasMaxLength(50);
        e.HasIndex(x => x.Name).IsUnique();
        e.Property(x => x.TrademarkNumber).HasMaxLength(30);
        e.Property(x => x.Owner).HasMaxLength(100);
        e.Property(x => x.Category).HasMaxLength(30);
        e.Property(x => x.HomeAreaCode).HasMaxLength(12);
        e.Property(x => x.Standards).HasMaxLength(2000);
        e.Property(x => x.SkillLeaders).HasMaxLength(1000);
        e.Property(x => x.Description).HasMaxLength(2000);
        e.Property(x => x.StarSchemeJson).HasMaxLength(4000);
        e.HasMany(x => x.Partners).WithOne().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.StarScheme);
    }
}

sealed class BrandPartnerConfiguration : IEntityTypeConfiguration<BrandPartner>
{
    public void Configure(EntityTypeBuilder<BrandPartner> e)
    {
        e.HasOne(x => x.Employer).WithMany().HasForeignKey(x => x.EmployerId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.BrandId, x.EmployerId, x.Role }).IsUnique();
    }
}

sealed class BrandBaseConfiguration : IEntityTypeConfiguration<BrandBase>
{
    public void Configure(EntityTypeBuilder<BrandBase> e)
    {
        e.HasOne<Brand>().WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<LabourBase>().WithMany().HasForeignKey(x => x.LabourBaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.BrandId, x.LabourBaseId }).IsUnique();
    }
}

sealed class BrandMemberConfiguration : IEntityTypeConfiguration<BrandMember>
{
    public void Configure(EntityTypeBuilder<BrandMember> e)
    {
        e.ToTable("BrandMembers");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Code).HasMaxLength(20);
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.RevokeReason).HasMaxLength(200);
        e.HasOne(x => x.Brand).WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<TrainingClass>().WithMany().HasForeignKey(x => x.FromClassId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.StarHistory).WithOne().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.BrandId, x.PersonId }).IsUnique();
        e.HasIndex(x => x.PersonId);
    }
}

sealed class StarChangeConfiguration : IEntityTypeConfiguration<StarChange>
{
    public void Configure(EntityTypeBuilder<StarChange> e)
    {
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.By).HasMaxLength(100);
        e.HasIndex(x => x.MemberId);
    }
}

sealed class MemberFeedbackConfiguration : IEntityTypeConfiguration<MemberFeedback>
{
    public void Configure(EntityTypeBuilder<MemberFeedback> e)
    {
        e.ToTable("Feedback");
        e.Property(x => x.Source).HasMaxLength(100);
        e.Property(x => x.Text).HasMaxLength(2000);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasOne<BrandMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.MemberId, x.OnDate });
    }
}

sealed class IncubatorConfiguration : IEntityTypeConfiguration<Incubator>
{
    public void Configure(EntityTypeBuilder<Incubator> e)
    {
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.AreaCode).HasMaxLength(12);
        e.Property(x => x.Address).HasMaxLength(200);
        e.Property(x => x.Services).HasMaxLength(1000);
        e.HasIndex(x => x.AreaCode);
    }
}

sealed class BusinessConfiguration : IEntityTypeConfiguration<Business>
{
    public void Configure(EntityTypeBuilder<Business> e)
    {
        e.ToTable("Businesses");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.AreaCode).HasMaxLength(12);
        e.Property(x => x.RegistrationCode).HasMaxLength(18);
        e.HasOne(x => x.Founder).WithMany().HasForeignKey(x => x.FounderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Incubator).WithMany().HasForeignKey(x => x.IncubatorId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Brand).WithMany().HasForeignKey(x => x.BrandId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Support).WithOne().HasForeignKey(x => x.BusinessId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.FounderId);
        e.HasIndex(x => x.AreaCode);
        e.HasIndex(x => x.BrandId);
    }
}

sealed class BusinessSupportConfiguration : IEntityTypeConfiguration<BusinessSupport>
{
    public void Configure(EntityTypeBuilder<BusinessSupport> e)
    {
        e.ToTable("BusinessSupport");
        e.Property(x => x.Note).HasMaxLength(500);
    }
}
