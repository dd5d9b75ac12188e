using CivicPractice.Domain.Common;
using SkiaSharp;

namespace CivicPractice.Web.Infrastructure;

/// <summary>
/// An uploaded picture is decoded and encoded afresh, so only its pixels are kept: text chunks, trailing bytes (a
/// "PNG" that is also an HTML page with a script), metadata such as GPS positions all stay behind. The size in pixels
/// is read from the header and judged before anything is decoded, so a small file cannot unpack into gigabytes.
/// </summary>
public static class UploadedImage
{
    public const int MaxSide = 4096;
    private const int JpegQuality = 90;

    public sealed record Picture(byte[] Content, string Extension, int Width, int Height);

    /// <summary>The picture re-encoded as PNG or JPEG (whichever it was); anything else is a <see cref="DomainException"/> in Chinese.</summary>
    public static Picture Reencode(byte[] upload)
    {
        var extension = ImageSniffer.ExtensionOf(upload) ?? throw new DomainException("只支持 PNG 或 JPG 图片。");
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data) ?? throw Unreadable();
        var format = extension == "png" ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg;
        if (codec.EncodedFormat != format) throw Unreadable();
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0) throw Unreadable();
        if (width > MaxSide || height > MaxSide)
        {
            throw new DomainException($"图片尺寸为 {width}×{height} 像素，超过上限 {MaxSide}×{MaxSide} 像素，请缩小后上传。");
        }

        var target = new SKImageInfo(width, height, SKColorType.Rgba8888, codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        using var bitmap = new SKBitmap(target);
        if (codec.GetPixels(target, bitmap.GetPixels()) != SKCodecResult.Success) throw Unreadable();
        using var encoded = bitmap.Encode(format, format == SKEncodedImageFormat.Jpeg ? JpegQuality : 100) ?? throw Unreadable();
        return new Picture(encoded.ToArray(), extension, width, height);
    }

    private static DomainException Unreadable() => new("图片已损坏或无法识别，请另存为 PNG 或 JPG 后重新上传。");
}
