namespace CountySkills.Web.Resources;

/// <summary>Marker for the UI's one resource set: SharedResource.resx (zh-CN, neutral) and SharedResource.en-US.resx.</summary>
public sealed class SharedResource;
