using System.IO.Compression;
using System.Xml;

namespace CivicPractice.Web.Infrastructure;

/// <summary>
/// How large the sheets of an .xlsx package are, read cheaply before MiniExcel sees the file: MiniExcel sizes a sheet
/// without a trustworthy dimension by scanning all of it, and fills gaps between row numbers with blank rows, so two
/// million rows in a few hundred kilobytes (or one row numbered 2 000 000) would cost seconds to minutes. This reader
/// streams the XML of every worksheet and stops as soon as a limit is passed.
/// </summary>
public static class XlsxShape
{
    /// <summary>The largest row and column numbers any worksheet uses, counted up to the first limit passed.</summary>
    public readonly record struct Size(int Rows, int Columns, bool TooLarge);

    /// <exception cref="InvalidDataException">The stream is no zip package or its XML is broken.</exception>
    public static Size Measure(Stream xlsx, int maxRows, int maxColumns, long maxXmlBytes)
    {
        using var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
        int rows = 0, columns = 0;
        long xmlBytes = 0;
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            var isSheet = name.Contains("worksheets/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);
            var isStrings = name.EndsWith("sharedStrings.xml", StringComparison.OrdinalIgnoreCase);
            if (!isSheet && !isStrings) continue;
            // Unpacked bytes are bounded too: shared strings are held in memory by the reader, and one cell can be huge.
            using var counted = new CountingStream(entry.Open(), maxXmlBytes - xmlBytes);
            var tooLarge = isStrings ? Drain(counted) : MeasureSheet(counted, maxRows, maxColumns, ref rows, ref columns);
            if (tooLarge || counted.OverBudget) return new Size(rows, columns, true);
            xmlBytes += counted.Count;
        }
        return new Size(rows, columns, false);
    }

    private static bool Drain(CountingStream stream)
    {
        var buffer = new byte[81920];
        while (!stream.OverBudget && stream.Read(buffer, 0, buffer.Length) > 0) { }
        return stream.OverBudget;
    }

    private static bool MeasureSheet(CountingStream xml, int maxRows, int maxColumns, ref int rows, ref int columns)
    {
        using var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true });
        int row = 0, column = 0, elements = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                switch (reader.LocalName)
                {
                    case "dimension" when reader.GetAttribute("ref") is { } range:
                        var (lastRow, lastColumn) = CellReference(range[(range.IndexOf(':') + 1)..]);
                        rows = Math.Max(rows, lastRow);
                        columns = Math.Max(columns, lastColumn);
                        break;
                    case "row":
                        row = int.TryParse(reader.GetAttribute("r"), out var r) && r > 0 ? r : row + 1;
                        column = 0;
                        // Every row element counts, whatever number it claims: repeated or falling numbers are rows too.
                        rows = Math.Max(rows, Math.Max(row, ++elements));
                        break;
                    case "c":
                        column = reader.GetAttribute("r") is { } cell && CellReference(cell).Column is > 0 and var c ? c : column + 1;
                        columns = Math.Max(columns, column);
                        break;
                }
                if (rows > maxRows || columns > maxColumns || xml.OverBudget) return true;
            }
        }
        catch (XmlException) when (xml.OverBudget)
        {
            return true;
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException("broken worksheet XML", ex);
        }
        return false;
    }

    /// <summary>"AB12" → (12, 28); parts that are missing or absurd count as 0 or as past every limit.</summary>
    private static (int Row, int Column) CellReference(string reference)
    {
        long column = 0, row = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z' or >= 'a' and <= 'z') column = Math.Min(column * 26 + (char.ToUpperInvariant(ch) - 'A' + 1), int.MaxValue);
            else if (ch is >= '0' and <= '9') row = Math.Min(row * 10 + (ch - '0'), int.MaxValue);
        }
        return ((int)row, (int)column);
    }

    /// <summary>Counts what is read; past the budget it reads nothing more, so the XML reader sees an early end.</summary>
    private sealed class CountingStream(Stream inner, long budget) : Stream
    {
        public long Count { get; private set; }
        public bool OverBudget => Count > budget;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (OverBudget) return 0;
            var read = inner.Read(buffer, offset, count);
            Count += read;
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
