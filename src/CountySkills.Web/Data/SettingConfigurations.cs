using CountySkills.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CountySkills.Web.Data;

sealed class SettingVersionConfiguration : IEntityTypeConfiguration<SettingVersion>
{
    public void Configure(EntityTypeBuilder<SettingVersion> e)
    {
        e.Property(x => x.Key).HasMaxLength(40);
        e.Property(x => x.Value).HasMaxLength(16000);
        e.Property(x => x.ChangedBy).HasMaxLength(100);
        e.Property(x => x.Reason).HasMaxLength(500);
        // One successor per version of a key: of two changes made from the same version only the first is saved (the other is a 409).
        e.HasIndex(x => new { x.Key, x.BasedOnId }).IsUnique();
    }
}
