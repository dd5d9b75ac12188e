using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using CivicPractice.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CivicPractice.Web.Infrastructure;

/// <summary>Marks a free-text property that may span lines (an introduction, a description): it keeps line breaks and tabs.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultilineTextAttribute : Attribute;

/// <summary>
/// The edge of <see cref="TextRules"/> for request models: every text property (and every item of a text list) is
/// normalised in place and checked. <see cref="ValidationFilter{T}"/> runs it before DataAnnotations, so every API
/// body gets it. Passwords (<c>[DataType(DataType.Password)]</c>) are checked but never rewritten.
/// </summary>
public static class TextInput
{
    private sealed record TextProperty(PropertyInfo Property, string Label, bool Multiline, bool Secret);

    private static readonly ConcurrentDictionary<Type, TextProperty[]> Properties = new();

    public static Dictionary<string, string[]> NormalizeAndCheck(object model)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var p in Properties.GetOrAdd(model.GetType(), Describe))
        {
            var value = p.Property.GetValue(model);
            if (value is string text)
            {
                if (!p.Secret && p.Property.CanWrite)
                {
                    text = TextRules.Normalize(text, p.Multiline);
                    p.Property.SetValue(model, text);
                }
                if (!TextRules.IsAllowed(text, p.Multiline)) errors[p.Property.Name] = [TextRules.Refused(p.Label, p.Multiline)];
            }
            else if (value is List<string?> list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is not { } item) continue;
                    list[i] = TextRules.Normalize(item);
                    if (!TextRules.IsAllowed(list[i]!)) errors[p.Property.Name] = [TextRules.Refused(p.Label)];
                }
            }
        }
        return errors;
    }

    private static TextProperty[] Describe(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && (p.PropertyType == typeof(string) || p.PropertyType == typeof(List<string>)))
            .Select(p => new TextProperty(p,
                p.GetCustomAttribute<DisplayAttribute>()?.Name ?? "填写的内容",
                p.IsDefined(typeof(MultilineTextAttribute), inherit: true),
                p.GetCustomAttribute<DataTypeAttribute>()?.DataType == DataType.Password)),
    ];
}

/// <summary>
/// The last line for text that did not pass through a request model (console forms, future features): nothing with a
/// control or format character reaches the database. Line breaks are allowed here; one-line fields refuse them at the edge.
/// </summary>
public sealed class StoredTextGuard : SaveChangesInterceptor
{
    public static readonly StoredTextGuard Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? db)
    {
        if (db is null) return;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (entry.State == EntityState.Modified && !property.IsModified) continue;
                var clean = property.CurrentValue switch
                {
                    string s => TextRules.IsAllowed(s, multiline: true),
                    IEnumerable<string?> items => items.All(s => s is null || TextRules.IsAllowed(s, multiline: true)),
                    _ => true,
                };
                if (!clean) throw new DomainException(TextRules.Refused("提交的内容", multiline: true));
            }
        }
    }
}
