using System.Collections.Concurrent;
using System.IO.Compression;
using CdsLearn.Content;
using CdsLearn.Voices;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace CdsLearn.Web;

/// <summary>
/// The shortest path for what most requests are: a visitor who is not signed in reading a lesson (or the glossary),
/// the pages marked with the <see cref="PageCaching.AnonymousPages"/> policy. The first such response for an address
/// (scheme, host, path, display options) goes through the whole pipeline as usual and is kept here with its final
/// headers (security headers, CSP, ETag, Cache-Control) and its body compressed once, with gzip and Brotli at their
/// smallest: later visitors get the bytes their Accept-Encoding asks for, without session, authentication, routing,
/// rate limiting, output cache or per-request compression. Signed-in readers (the application cookie present), query
/// strings and anything but GET take the normal path. An entry lasts 10 minutes, as in the output cache, and no longer
/// than the course it was drawn from (a reloaded course is a new one) or the teams' voices it offered (a lesson shows
/// "Nghe giọng đọc của Tổ" only where a reading is approved; a review moves <see cref="VoiceAvailability.Version"/>).
/// </summary>
public sealed class AnonymousPageCache
{
    /// <summary>How long a kept page is served, as the output cache policy keeps it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Lessons × display options × the addresses the site is reached by; a flood of made-up Host headers
    /// only empties the cache and starts over.</summary>
    private const int MaxEntries = 4096;

    /// <summary>A page larger than this is served normally and not kept.</summary>
    private const int MaxBody = 1 << 20;

    private readonly RequestDelegate next;
    private readonly CourseCatalog catalog;
    private readonly VoiceAvailability voices;
    private readonly string signInCookie;
    private readonly ConcurrentDictionary<Key, Entry> entries = new();
    private readonly ConcurrentDictionary<string, Encoding> acceptEncodings = new(StringComparer.Ordinal);

    public AnonymousPageCache(RequestDelegate next, CourseCatalog catalog, VoiceAvailability voices, IOptionsMonitor<CookieAuthenticationOptions> cookies)
    {
        this.next = next;
        this.catalog = catalog;
        this.voices = voices;
        signInCookie = cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name ?? ".AspNetCore." + IdentityConstants.ApplicationScheme;
    }

    private enum Encoding
    {
        Identity,
        Gzip,
        Brotli,
    }

    private readonly record struct Key(string Path, string Host, bool Https, string? Display);

    private sealed record Entry(Course Course, long Voices, long ExpiresAt, KeyValuePair<string, StringValues>[] Headers, string? ETag,
        byte[] Identity, byte[] Gzip, byte[] Brotli);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || request.QueryString.HasValue || SignedIn(request))
        {
            return RunAsync(context, null);
        }
        var key = new Key(request.Path.Value ?? "/", request.Host.Value ?? "", request.IsHttps,
            request.Headers.Cookie.Count == 0 ? null : Pages.Shared.DisplayOptions.Classes(request));
        if (entries.TryGetValue(key, out var entry) && entry.Course == catalog.Current && entry.Voices == voices.Version
            && Environment.TickCount64 < entry.ExpiresAt)
        {
            return ServeAsync(context, entry);
        }
        return RunAsync(context, key);
    }

    /// <summary>Everything but a kept page: away from the socket thread (<see cref="SocketThreads"/>), through the
    /// rest of the pipeline, kept when <paramref name="key"/> is given and the page may be.</summary>
    private async Task RunAsync(HttpContext context, Key? key)
    {
        using (await SocketThreads.LeaveAsync(context))
        {
            await (key is { } kept ? KeepAsync(context, kept) : next(context));
        }
    }

    /// <summary>The application cookie decides who is signed in; without it the request is a visitor's.</summary>
    private bool SignedIn(HttpRequest request) => request.Headers.Cookie.Count > 0 && request.Cookies.ContainsKey(signInCookie);

    private Task ServeAsync(HttpContext context, Entry entry)
    {
        var response = context.Response;
        var headers = response.Headers;
        foreach (var (name, value) in entry.Headers)
        {
            headers[name] = value;
        }
        if (entry.ETag is { } etag && Matches(context.Request.Headers.IfNoneMatch, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            headers.ContentType = default;
            return Task.CompletedTask;
        }
        // Kestrel itself never compresses over HTTPS (BREACH), as the response compression middleware; behind the
        // TLS-terminating proxy it does.
        var encoding = CompressionBehindProxy.Allowed(context) ? Choose(context.Request.Headers.AcceptEncoding) : Encoding.Identity;
        var body = encoding switch
        {
            Encoding.Gzip => entry.Gzip,
            Encoding.Brotli => entry.Brotli,
            _ => entry.Identity,
        };
        if (encoding != Encoding.Identity)
        {
            headers.ContentEncoding = encoding == Encoding.Gzip ? "gzip" : "br";
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = body.Length;
        // No RequestAborted: reading it makes Kestrel build a cancellation source for the request; a dropped
        // connection fails the write anyway.
        return response.BodyWriter.WriteAsync(body).AsTask();
    }

    private static bool Matches(StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0)
        {
            return false;
        }
        var wanted = EntityTagHeaderValue.Parse(etag);
        return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(wanted, useStrongComparison: false));
    }

    /// <summary>What the response compression middleware would pick: the highest quality of br and gzip, Brotli on a
    /// tie or for "*". Phones send a handful of distinct headers, so each is parsed once.</summary>
    private Encoding Choose(StringValues acceptEncoding)
    {
        if (acceptEncoding.Count != 1 || acceptEncoding[0] is not { Length: > 0 } header)
        {
            return acceptEncoding.Count == 0 ? Encoding.Identity : Parse(acceptEncoding);
        }
        if (acceptEncodings.TryGetValue(header, out var known))
        {
            return known;
        }
        var parsed = Parse(acceptEncoding);
        if (acceptEncodings.Count < 256)
        {
            acceptEncodings[header] = parsed;
        }
        return parsed;
    }

    private static Encoding Parse(StringValues acceptEncoding)
    {
        if (!StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var values))
        {
            return Encoding.Identity;
        }
        double brotli = 0, gzip = 0;
        foreach (var value in values)
        {
            var quality = value.Quality ?? 1;
            if (StringSegment.Equals(value.Value, "br", StringComparison.OrdinalIgnoreCase) || value.Value == "*")
            {
                brotli = Math.Max(brotli, quality);
            }
            if (StringSegment.Equals(value.Value, "gzip", StringComparison.OrdinalIgnoreCase) || value.Value == "*")
            {
                gzip = Math.Max(gzip, quality);
            }
        }
        return brotli <= 0 && gzip <= 0 ? Encoding.Identity : brotli >= gzip ? Encoding.Brotli : Encoding.Gzip;
    }

    /// <summary>Runs the request the normal way, watching what it sends; keeps it when it is a visitor's copy of a
    /// page marked for the anonymous cache.</summary>
    private async Task KeepAsync(HttpContext context, Key key)
    {
        var course = catalog.Current;
        // Before the page is drawn: a review during the drawing leaves the entry out of date, not the other way round.
        var drawnWith = voices.Version;
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        var copy = new CopyingStream(original.Stream, context);
        var watched = new StreamResponseBodyFeature(copy, original);
        context.Features.Set<IHttpResponseBodyFeature>(watched);
        try
        {
            await next(context);
            await watched.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
        }
        if (copy.Copied is not { } sent || !Keepable(context))
        {
            return;
        }
        var response = context.Response;
        var identity = Decompress(sent, response.Headers.ContentEncoding.ToString());
        if (identity is null)
        {
            return;
        }
        var headers = response.Headers
            .Where(h => !h.Key.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)
                && !h.Key.Equals(HeaderNames.ContentEncoding, StringComparison.OrdinalIgnoreCase)
                && !h.Key.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)
                && !h.Key.Equals(HeaderNames.Date, StringComparison.OrdinalIgnoreCase)
                && !h.Key.Equals(HeaderNames.Vary, StringComparison.OrdinalIgnoreCase))
            .Append(new(HeaderNames.Vary, HeaderNames.AcceptEncoding))
            .ToArray();
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }
        entries[key] = new Entry(course, drawnWith, Environment.TickCount64 + (long)Lifetime.TotalMilliseconds, headers,
            response.Headers.ETag.Count == 1 ? response.Headers.ETag.ToString() : null,
            identity, Gzip(identity), Brotli(identity));
    }

    /// <summary>The same rules as the output cache policy: a visitor's plain 200 page that sets no cookie and says
    /// anyone may keep it.</summary>
    private static bool Keepable(HttpContext context)
    {
        var response = context.Response;
        return context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>()?.PolicyName == PageCaching.AnonymousPages
            && context.User.Identity?.IsAuthenticated != true
            && response.StatusCode == StatusCodes.Status200OK
            && response.Headers.SetCookie.Count == 0
            && response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
            && response.Headers.CacheControl.ToString().Contains("public", StringComparison.Ordinal);
    }

    /// <summary>The page as sent, uncompressed; null when it was sent in an encoding this cache does not read.</summary>
    private static byte[]? Decompress(byte[] sent, string encoding)
    {
        if (encoding.Length == 0)
        {
            return sent;
        }
        using Stream? decoder = encoding switch
        {
            "gzip" => new GZipStream(new MemoryStream(sent), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(sent), CompressionMode.Decompress),
            _ => null,
        };
        if (decoder is null)
        {
            return null;
        }
        var plain = new MemoryStream();
        decoder.CopyTo(plain);
        return plain.ToArray();
    }

    private static byte[] Gzip(byte[] body)
    {
        var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(body);
        }
        return packed.ToArray();
    }

    private static byte[] Brotli(byte[] body)
    {
        var packed = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
        return BrotliEncoder.TryCompress(body, packed, out var written, quality: 11, window: 22)
            ? packed[..written]
            : throw new InvalidOperationException("Brotli could not compress the page");
    }

    /// <summary>Passes every write on to the response and keeps a copy, but only of a page marked for this cache
    /// (known once routing has run, by the first write).</summary>
    private sealed class CopyingStream(Stream inner, HttpContext context) : Stream
    {
        private MemoryStream? copy;
        private bool decided;

        public byte[]? Copied => copy?.ToArray();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        private void Copy(ReadOnlySpan<byte> buffer)
        {
            if (!decided)
            {
                decided = true;
                if (context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>()?.PolicyName == PageCaching.AnonymousPages)
                {
                    copy = new MemoryStream();
                }
            }
            if (copy is null)
            {
                return;
            }
            if (copy.Length + buffer.Length > MaxBody)
            {
                copy = null;
                return;
            }
            copy.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Copy(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Copy(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
