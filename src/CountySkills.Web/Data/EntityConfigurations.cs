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
        // A township's list sorted by name (the officer's usual order): its rows already in (name, id) order, no sort of 40,000 rows.
        e.HasIndex(x => new { x.TownshipCode, x.Name, x.Id }).HasDatabaseName("IX_People_Township_Name");
        e.Property(x => x.Notes).HasMaxLength(2000);
        e.HasIndex(x => new { x.AreaCode, x.Name, x.BirthDate });
        // Partial: nearly every row is NULL, and with a full index SQLite's planner (after ANALYZE) prefers a table scan.
        e.HasIndex(x => x.MergedIntoId).HasFilter("\"MergedIntoId\" IS NOT NULL");
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
        e.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.SetNull);
        e.Property(x => x.AreaCode).HasMaxLength(12);
        e.HasIndex(x => x.AreaCode);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Address).HasMaxLength(200);
        e.Property(x => x.Majors).HasMaxLength(500);
        e.Property(x => x.ContactName).HasMaxLength(50);
        e.Property(x => x.ContactPhone).HasMaxLength(20);
    }
}

sealed class EmployerConfiguration : IEntityTypeConfiguration<Employer>
{
    public void Configure(EntityTypeBuilder<Employer> e)
    {
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.HasIndex(x => x.CreditCode).IsUnique();
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Industry).HasMaxLength(50);
        e.Property(x => x.Province).HasMaxLength(30);
        e.Property(x => x.City).HasMaxLength(30);
        e.Property(x => x.Address).HasMaxLength(200);
        e.Property(x => x.ContactName).HasMaxLength(50);
        e.Property(x => x.ContactPhone).HasMaxLength(20);
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
        e.Property(x => x.AreaCode).HasMaxLength(12);
        e.HasIndex(x => x.AreaCode);
    }
}

sealed class OccupationConfiguration : IEntityTypeConfiguration<Occupation>
{
    public void Configure(EntityTypeBuilder<Occupation> e)
    {
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Code).HasMaxLength(20);
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.Name).HasMaxLength(50);
        e.Property(x => x.ParentName).HasMaxLength(50);
        e.Property(x => x.Category).HasMaxLength(30);
        e.Property(x => x.LevelList).HasMaxLength(20);
        e.Ignore(x => x.Levels);
    }
}

sealed class TrainingClassConfiguration : IEntityTypeConfiguration<TrainingClass>
{
    public void Configure(EntityTypeBuilder<TrainingClass> e)
    {
        e.ToTable("Classes");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Place).HasMaxLength(200);
        e.Property(x => x.Teachers).HasMaxLength(500);
        e.Property(x => x.TeachingPlan).HasMaxLength(4000);
        e.Property(x => x.AssessmentPlan).HasMaxLength(2000);
        e.Property(x => x.ReturnReason).HasMaxLength(500);
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.HasOne(x => x.Institution).WithMany().HasForeignKey(x => x.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Occupation).WithMany().HasForeignKey(x => x.OccupationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Employer).WithMany().HasForeignKey(x => x.EmployerId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Transitions).WithOne().HasForeignKey(x => x.ClassId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.InstitutionId, x.StartDate });
        // Yearly counts (person-times, subsidised person-times) range over start dates.
        e.HasIndex(x => new { x.StartDate, x.Status, x.Subsidised });
        e.HasIndex(x => x.Status);
    }
}

sealed class ClassTransitionConfiguration : IEntityTypeConfiguration<ClassTransition>
{
    public void Configure(EntityTypeBuilder<ClassTransition> e)
    {
        e.Property(x => x.UserName).HasMaxLength(100);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.HasIndex(x => x.ClassId);
    }
}

sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> e)
    {
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.EnrolledBy).HasMaxLength(100);
        e.Property(x => x.WithdrawReason).HasMaxLength(200);
        e.Property(x => x.Score).HasPrecision(5, 1);
        e.HasOne(x => x.Class).WithMany().HasForeignKey(x => x.ClassId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ClassId, x.PersonId }).IsUnique();
        // A person's classes (timeline, overlap check, "trained" filter) from the index alone.
        e.HasIndex(x => new { x.PersonId, x.Status, x.ClassId });
    }
}

sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> e)
    {
        e.ToTable("Sessions");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Hours).HasPrecision(4, 1);
        e.Property(x => x.Topic).HasMaxLength(200);
        e.Property(x => x.Teacher).HasMaxLength(50);
        e.HasOne(x => x.Class).WithMany().HasForeignKey(x => x.ClassId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ClassId, x.Date });
    }
}

sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> e)
    {
        e.ToTable("Attendance");
        e.Property(x => x.Note).HasMaxLength(100);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasOne<TrainingSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Enrolment>().WithMany().HasForeignKey(x => x.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.SessionId, x.EnrolmentId }).IsUnique();
        e.HasIndex(x => new { x.EnrolmentId, x.Present });
    }
}

sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> e)
    {
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Number).HasMaxLength(40);
        // One valid certificate per number; a number revoked as registered in error may be registered again correctly.
        e.HasIndex(x => x.Number).IsUnique().HasFilter("\"RevokedUtc\" IS NULL");
        // A trainee holds at most one valid certificate of a kind from one enrolment (and the roster finds it by index).
        e.HasIndex(x => new { x.EnrolmentId, x.Kind }).IsUnique().HasFilter("\"RevokedUtc\" IS NULL AND \"EnrolmentId\" IS NOT NULL");
        e.Property(x => x.OccupationName).HasMaxLength(50);
        e.Property(x => x.Issuer).HasMaxLength(100);
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.Property(x => x.RevokeReason).HasMaxLength(200);
        e.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Occupation).WithMany().HasForeignKey(x => x.OccupationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<TrainingClass>().WithMany().HasForeignKey(x => x.ClassId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.PersonId, x.IssuedOn });
        // Certificates per year, and per class (certification rate of a class's trainees).
        e.HasIndex(x => new { x.IssuedOn, x.Kind });
        e.HasIndex(x => x.ClassId);
        e.HasIndex(x => x.InstitutionId);
        e.Ignore(x => x.IsRevoked);
    }
}

sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> e)
    {
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.Inspector).HasMaxLength(100);
        e.Property(x => x.Findings).HasMaxLength(4000);
        e.Property(x => x.RectificationReport).HasMaxLength(4000);
        e.Property(x => x.ClosedBy).HasMaxLength(100);
        e.Property(x => x.ClosingNote).HasMaxLength(2000);
        e.HasOne(x => x.Class).WithMany().HasForeignKey(x => x.ClassId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ClassId, x.VisitedOn });
        e.HasIndex(x => new { x.Status, x.RectifyBy });
    }
}

sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> e)
    {
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.UploadedBy).HasMaxLength(100);
        e.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.InspectionId);
    }
}

public sealed class AppUserConfiguration : IEntityTypeConfiguration<Infrastructure.Auth.AppUser>
{
    public void Configure(EntityTypeBuilder<Infrastructure.Auth.AppUser> e)
    {
        e.Property(x => x.Role).HasMaxLength(32);
        e.Property(x => x.DisabledReason).HasMaxLength(500);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => x.Role);
    }
}
