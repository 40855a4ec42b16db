using CountySkills.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CountySkills.Web.Data;

sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.Link).HasMaxLength(300);
        // One per user, kind and day: a job that runs again (retry, recovery on another node) updates it, never doubles it.
        e.HasIndex(x => new { x.UserId, x.Kind, x.Day }).IsUnique();
    }
}
