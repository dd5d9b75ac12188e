using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace CivicPractice.Web.Infrastructure;

/// <summary>
/// How large the sheets of an .xlsx package are, read cheaply before MiniExcel sees the file: MiniExcel sizes a sheet
/// without a trustworthy dimension by scanning all of it, and fills gaps between row numbers with blank rows, so two
/// million rows in a few hundred kilobytes (or one row numbered 2 000 000) would cost seconds to minutes. This reader
/// streams the XML of every worksheet and stops as soon as a limit is passed.
/// </summary>
public static class XlsxShape
{
    /// <summary>
    /// The largest row and column numbers any worksheet uses, counted up to the first limit passed; and whether a numeric
    /// cell holds a long run of digits (<see cref="LongDigitsAsText"/>).
    /// </summary>
    public readonly record struct Size(int Rows, int Columns, bool TooLarge, bool LongDigits = false);

    /// <exception cref="InvalidDataException">The stream is no zip package or its XML is broken.</exception>
    public static Size Measure(Stream xlsx, int maxRows, int maxColumns, long maxXmlBytes)
    {
        using var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
        int rows = 0, columns = 0;
        var longDigits = false;
        long xmlBytes = 0;
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            var isSheet = IsSheet(name);
            var isStrings = name.EndsWith("sharedStrings.xml", StringComparison.OrdinalIgnoreCase);
            if (!isSheet && !isStrings) continue;
            // Unpacked bytes are bounded too: shared strings are held in memory by the reader, and one cell can be huge.
            using var counted = new CountingStream(entry.Open(), maxXmlBytes - xmlBytes);
            var tooLarge = isStrings ? Drain(counted) : MeasureSheet(counted, maxRows, maxColumns, ref rows, ref columns, ref longDigits);
            if (tooLarge || counted.OverBudget) return new Size(rows, columns, true);
            xmlBytes += counted.Count;
        }
        return new Size(rows, columns, false, longDigits);
    }

    /// <summary>
    /// True for a number Excel cannot have typed: 16 or more digits whose tail is not the zeros Excel leaves (it keeps 15
    /// significant digits). Such a value was written by a program that kept every digit, so it is an identifier, not a quantity.
    /// </summary>
    private static bool IsLongDigits(string raw) => raw.Length >= 16 && raw.All(char.IsAsciiDigit) && !raw.EndsWith("000", StringComparison.Ordinal);

    /// <summary>
    /// A copy of the package in which every numeric cell of <see cref="IsLongDigits"/> is a text cell: a reader would turn it
    /// into a double and lose digits past the 15th (an 18-digit ID number). Everything else is copied as it is.
    /// </summary>
    public static MemoryStream LongDigitsAsText(Stream xlsx)
    {
        var output = new MemoryStream();
        using (var source = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                if (IsSheet(entry.FullName)) LongDigitsAsText(from, to);
                else from.CopyTo(to);
            }
        }
        output.Position = 0;
        return output;
    }

    private static void LongDigitsAsText(Stream from, Stream to)
    {
        using var reader = XmlReader.Create(from, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        using var writer = XmlWriter.Create(to, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "c" && reader.GetAttribute("t") is null or "n")
            {
                var cell = (XElement)XNode.ReadFrom(reader);
                if (cell.Element(cell.Name.Namespace + "v") is { } value && IsLongDigits(value.Value)) cell.SetAttributeValue("t", "str");
                cell.WriteTo(writer);
                continue;
            }
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                    writer.WriteAttributes(reader, defattr: true);
                    if (reader.IsEmptyElement) writer.WriteEndElement();
                    break;
                case XmlNodeType.EndElement:
                    writer.WriteFullEndElement();
                    break;
                case XmlNodeType.Text:
                    writer.WriteString(reader.Value);
                    break;
                case XmlNodeType.CDATA:
                    writer.WriteCData(reader.Value);
                    break;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    writer.WriteWhitespace(reader.Value);
                    break;
            }
            reader.Read();
        }
    }

    private static bool IsSheet(string name)
    {
        name = name.Replace('\\', '/');
        return name.Contains("worksheets/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);
    }

    private static bool Drain(CountingStream stream)
    {
        var buffer = new byte[81920];
        while (!stream.OverBudget && stream.Read(buffer, 0, buffer.Length) > 0) { }
        return stream.OverBudget;
    }

    private static bool MeasureSheet(CountingStream xml, int maxRows, int maxColumns, ref int rows, ref int columns, ref bool longDigits)
    {
        using var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true });
        int row = 0, column = 0, elements = 0;
        var numeric = false;
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
                        numeric = reader.GetAttribute("t") is null or "n";
                        break;
                    case "v" when numeric && !longDigits:
                        longDigits = IsLongDigits(reader.ReadElementContentAsString());
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
