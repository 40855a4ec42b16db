namespace CountySkills.Web.Features.Training;

/// <summary>Every endpoint of Training (classes, trainees, sessions, attendance, inspections, institutions, occupations), in one list. A new use-case file adds its Map call here
/// (RoutesTests fails naming any Map method no area map calls).</summary>
public static class TrainingApi
{
    public static RouteGroupBuilder MapTraining(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("Training");
        ListClasses.Map(g);
        SaveClass.Map(g);
        TransitionClass.Map(g);
        EnrolTrainee.Map(g);
        WithdrawEnrolment.Map(g);
        ImportRoster.Map(g);
        Sessions.Map(g);
        RecordAttendance.Map(g);
        ImportAttendance.Map(g);
        RecordResults.Map(g);
        Inspections.Map(g);
        RecordInspection.Map(g);
        ReportRectification.Map(g);
        CloseInspection.Map(g);
        InspectionPhotos.Map(g);
        Institutions.Map(g);
        Occupations.Map(g);
        return api;
    }
}
