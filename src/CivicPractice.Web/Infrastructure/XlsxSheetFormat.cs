using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CivicPractice.Web.Infrastructure;

/// <summary>A drop-down on one column: its choices are a range of another sheet (e.g. <c>'选项'!$A$2:$A$7</c>).</summary>
/// <param name="Strict">Refuse anything else (one choice); otherwise the list only helps, so several values can be typed.</param>
public sealed record ListValidation(int Column, string Source, bool Strict, string Prompt);

/// <summary>
/// What MiniExcel cannot write: a column formatted as text and data-validation lists. MiniExcel writes the workbook (it
/// streams and we read with it too); the Open XML SDK then edits that one sheet through typed elements, which keep the
/// schema's element order and escaping right where hand-written XML would have to.
/// </summary>
public static class XlsxSheetFormat
{
    /// <summary>The built-in number format "@" (text): what is typed stays as typed, 18 digits included.</summary>
    private const uint TextFormat = 49;

    public static byte[] Apply(byte[] xlsx, string sheetName, IReadOnlyCollection<int> textColumns, IReadOnlyList<ListValidation> lists, int lastRow)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var book = document.WorkbookPart!;
            var sheet = book.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == sheetName);
            var worksheet = ((WorksheetPart)book.GetPartById(sheet.Id!)).Worksheet;
            var formats = (book.WorkbookStylesPart ?? book.AddNewPart<WorkbookStylesPart>()).Stylesheet.CellFormats!;
            var textStyles = new Dictionary<uint, uint>();
            uint TextStyle(uint from)
            {
                if (textStyles.TryGetValue(from, out var done)) return done;
                var style = (CellFormat)formats.Elements<CellFormat>().ElementAt((int)from).CloneNode(true);
                style.NumberFormatId = TextFormat;
                style.ApplyNumberFormat = true;
                formats.Append(style);
                formats.Count = (uint)formats.Elements<CellFormat>().Count();
                return textStyles[from] = formats.Count - 1;
            }

            // Column styles apply to the cells a person types into; cells already written keep their own style, so they get
            // the text format too (below the header).
            var data = worksheet.GetFirstChild<SheetData>()!;
            worksheet.RemoveAllChildren<Columns>();
            var plainText = TextStyle(0);
            worksheet.InsertBefore(new Columns(textColumns.Order().Select(c => new Column
            {
                Min = (uint)c, Max = (uint)c, Style = plainText, Width = 22, CustomWidth = true,
            })), data);
            foreach (var cell in data.Elements<Row>().Where(r => r.RowIndex?.Value > 1).SelectMany(r => r.Elements<Cell>()))
            {
                if (cell.CellReference?.Value is { } reference && textColumns.Contains(ColumnNumber(reference)))
                {
                    cell.StyleIndex = TextStyle(cell.StyleIndex?.Value ?? 0);
                }
            }

            if (lists.Count > 0)
            {
                var validations = new DataValidations(lists.Select(l => new DataValidation
                {
                    Type = DataValidationValues.List,
                    AllowBlank = true,
                    ShowInputMessage = true,
                    Prompt = l.Prompt,
                    ShowErrorMessage = l.Strict,
                    ErrorStyle = DataValidationErrorStyleValues.Stop,
                    ErrorTitle = "输入有误",
                    Error = "请从下拉列表中选择。",
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{ColumnName(l.Column)}2:{ColumnName(l.Column)}{lastRow}" },
                    Formula1 = new Formula1(l.Source),
                })) { Count = (uint)lists.Count };
                // The schema orders a worksheet's children: data validations follow these, and precede hyperlinks and page setup.
                OpenXmlElement after = data;
                foreach (var candidate in worksheet.ChildElements)
                {
                    if (candidate is SheetCalculationProperties or SheetProtection or ProtectedRanges or Scenarios or AutoFilter or SortState
                        or DataConsolidate or CustomSheetViews or MergeCells or PhoneticProperties or ConditionalFormatting) after = candidate;
                }
                worksheet.InsertAfter(validations, after);
            }
            worksheet.Save();
        }
        return stream.ToArray();
    }

    /// <summary>1 → A, 27 → AA.</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26) name = (char)('A' + (column - 1) % 26) + name;
        return name;
    }

    private static int ColumnNumber(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter)) column = column * 26 + char.ToUpperInvariant(c) - 'A' + 1;
        return column;
    }
}
