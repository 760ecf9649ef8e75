using System.Security.Claims;
using CdsLearn.Households;
using CdsLearn.Voices;
using Microsoft.AspNetCore.Mvc;

namespace CdsLearn.Web.Pages.Voices;

/// <summary>
/// The voices' non-page addresses: resumable uploads for team members (<see cref="VoiceUploads"/>), the published
/// files (by content hash: immutable, with range requests so a phone resumes and seeks), a recording a reviewer or
/// its reader hears before it is published, and a lesson's (or task's) list of published readings in one language.
/// Upload requests must carry <c>Tus-Resumable</c>: a cross-site form cannot set a header, and a script from another
/// site cannot send one without a CORS preflight this site never answers, so the cookie alone uploads nothing.
/// </summary>
public static class VoiceEndpoints
{
    public const string Uploads = "/giong-doc/tai-len";
    public const string Files = "/giong-doc/tep";
    private const string TusVersion = "1.0.0";

    /// <summary>A chunk the phone sends at once: 64 KB goes through on 2G in a few seconds.</summary>
    private const int MaxChunkBytes = 256 * 1024;

    public sealed record CreateUpload(string? ClientId, string? Item, string? Section, string? Language, int Length, int? Team);

    public static IEndpointRouteBuilder MapVoices(this IEndpointRouteBuilder endpoints)
    {
        var uploads = endpoints.MapGroup(Uploads).RequireAuthorization(AuthorizationPolicies.Recorders).AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Headers["Tus-Resumable"] == TusVersion
                ? await next(context)
                : Refuse(StatusCodes.Status412PreconditionFailed, "Hãy ghi và lưu từ trang ghi giọng đọc."));
        uploads.MapPost("", async (CreateUpload request, VoiceUploads service, HttpContext http) =>
        {
            var answer = await service.CreateAsync(UserId(http), new NewUpload(request.ClientId ?? "", request.Item ?? "", request.Section ?? "",
                request.Language ?? "", request.Length, request.Team), http.RequestAborted);
            if (answer.Upload is { } upload)
            {
                http.Response.Headers.Location = $"{Uploads}/{upload.Id}";
            }
            return Answer(answer, http);
        });
        uploads.MapMethods("{id}", [HttpMethods.Head], async (string id, VoiceUploads service, HttpContext http) =>
            Answer(await service.FindAsync(UserId(http), id, http.RequestAborted), http));
        uploads.MapMethods("{id}", [HttpMethods.Patch], async (string id, VoiceUploads service, HttpContext http) =>
        {
            if (!int.TryParse(http.Request.Headers["Upload-Offset"], System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var offset)
                || http.Request.ContentType != "application/offset+octet-stream")
            {
                return Refuse(StatusCodes.Status400BadRequest, "Yêu cầu tải lên không hợp lệ.");
            }
            var chunk = await ReadChunkAsync(http.Request, http.RequestAborted);
            if (chunk is null)
            {
                return Refuse(StatusCodes.Status413PayloadTooLarge, "Phần gửi lên quá lớn.");
            }
            return Answer(await service.AppendAsync(UserId(http), id, offset, chunk, http.RequestAborted), http);
        });

        endpoints.MapGet(Files + "/{name}", async (string name, VoiceLibrary library, IAudioStore store, HttpContext http) =>
        {
            if (AudioFiles.Parse(name) is not { } file || !await library.IsPublishedAsync(file.Hash, file.Container, http.RequestAborted)
                || store.Open(name) is not { } stream)
            {
                return Results.NotFound();
            }
            // The name is the content's hash: it never changes meaning.
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Stream(stream, AudioFiles.ContentType(file.Container), enableRangeProcessing: true,
                entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Hash}\""));
        });

        endpoints.MapGet("/giong-doc/nghe/{id:int}", async (int id, ScopeService scopes, VoiceReview review, IAudioStore store, HttpContext http) =>
        {
            var scope = await scopes.ForAsync(http.User, http.RequestAborted);
            if (await review.FindAudibleAsync(scope, UserId(http), id, http.RequestAborted) is not { } recording
                || store.Open(recording.FileName) is not { } stream)
            {
                return Results.NotFound();
            }
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.Stream(stream, AudioFiles.ContentType(recording.Container), enableRangeProcessing: true);
        }).RequireAuthorization();

        endpoints.MapGet("/giong-doc/bai/{id}", async (string id, [FromQuery(Name = "ngon-ngu")] string? language, VoiceLibrary library,
            VoiceAvailability availability, HttpContext http) =>
        {
            // The languages the item has readings in, as its page's button names them.
            var languages = await availability.LanguagesAsync(id, http.RequestAborted);
            var chosen = languages.FirstOrDefault(l => l.Code == language);
            var voices = chosen is null ? [] : await library.PublishedAsync(id, chosen.Code, http.RequestAborted);
            // Short: a rejected or withdrawn reading leaves phones' lists within a minute.
            http.Response.Headers.CacheControl = "public, max-age=60";
            return Results.Json(new
            {
                languages = languages.Select(l => new { code = l.Code, label = l.Label }),
                voices = voices.Select(v => new { section = v.Section, url = $"{Files}/{v.File}", ms = v.DurationMs, bytes = v.Bytes, credit = v.Credit }),
            });
        });
        return endpoints;
    }

    private static string UserId(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private static IResult Answer(UploadAnswer answer, HttpContext http)
    {
        http.Response.Headers["Tus-Resumable"] = TusVersion;
        http.Response.Headers.CacheControl = "no-store";
        if (answer.Upload is { } upload)
        {
            http.Response.Headers["Upload-Offset"] = answer.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers["Upload-Length"] = upload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (upload.RecordingId is { } recording)
            {
                http.Response.Headers["Voice-Recording"] = recording.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        if (answer.Refusal is { } refusal)
        {
            return Refuse(answer.Status, refusal);
        }
        // A body on every answer but 204: an empty 4xx would be replaced by the site's error page.
        return answer.Status == StatusCodes.Status204NoContent
            ? Results.StatusCode(answer.Status)
            : Results.Json(new { id = answer.Upload!.Id, offset = answer.Offset }, statusCode: answer.Status);
    }

    private static IResult Refuse(int status, string reason) => Results.Json(new { loi = reason }, statusCode: status);

    private static async Task<byte[]?> ReadChunkAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxChunkBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var block = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(block, cancellationToken)) > 0)
        {
            buffer.Write(block, 0, read);
            if (buffer.Length > MaxChunkBytes)
            {
                return null;
            }
        }
        return buffer.ToArray();
    }
}
