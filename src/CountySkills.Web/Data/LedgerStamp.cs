using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CountySkills.Web.Data;

/// <summary>
/// How often the people of one township have changed: raised by database triggers on every insert, update and delete in People
/// (migration LedgerStamps), never written by the app. A ledger total counted while the stamps of its townships were S stays
/// true until they move (<see cref="Features.People.LedgerCounts"/>).
/// </summary>
public sealed class LedgerStamp
{
    public required string TownshipCode { get; init; }
    public long Stamp { get; init; }
}

sealed class LedgerStampConfiguration : IEntityTypeConfiguration<LedgerStamp>
{
    public void Configure(EntityTypeBuilder<LedgerStamp> e)
    {
        e.HasKey(x => x.TownshipCode);
        e.Property(x => x.TownshipCode).HasMaxLength(9);
    }
}
