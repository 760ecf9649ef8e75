namespace CdsLearn.Web;

/// <summary>A page that records with the phone's microphone ("Ghi giọng đọc"): its Permissions-Policy lets this site's
/// own page use the microphone, where every other page refuses it (<see cref="SecurityHeaders"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UsesMicrophoneAttribute : Attribute;
