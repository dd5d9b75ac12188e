using CivicPractice.Domain.Common;
using CivicPractice.Domain.Organization;

namespace CivicPractice.Domain.Volunteers;

public enum VolunteerStatus
{
    Pending = 1,
    Approved = 2,
    Rejected = 3,
    Withdrawn = 4,
}

public enum RegistrationSource
{
    /// <summary>Registered themselves on the portal.</summary>
    SelfService = 1,
    /// <summary>Entered by a station or institute admin.</summary>
    Admin = 2,
    /// <summary>Imported from an Excel sheet.</summary>
    Import = 3,
}

/// <summary>
/// Personal identifiers as stored: a blind index for lookups, the encrypted value, and the mask for lists.
/// The domain never sees them in clear.
/// </summary>
public sealed record ProtectedIdentity(
    string IdIndex, string IdCipher, string IdMasked,
    string PhoneIndex, string PhoneCipher, string PhoneMasked,
    Gender Gender, DateOnly BirthDate);

/// <summary>What a volunteer tells about themselves and may correct later.</summary>
public sealed record VolunteerProfile(
    string Name,
    PoliticalStatus PoliticalStatus,
    IReadOnlyList<string>? Skills,
    IReadOnlyList<string>? Interests,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<string>? Availability);

/// <summary>
/// 志愿者 — a real-name registered volunteer of one station or base. Approval by the station gives the county-unique
/// volunteer number. Withdrawal erases the personal fields and keeps the record (its hours stay countable).
/// </summary>
public sealed class Volunteer
{
    public const string ErasedName = "（已注销）";

    /// <summary>The fields <see cref="Withdraw"/> erases; copies of them elsewhere (the audit log) are erased too.</summary>
    public static readonly IReadOnlySet<string> ErasedOnWithdrawal = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(Name), nameof(IdIndex), nameof(IdCipher), nameof(IdMasked), nameof(PhoneIndex), nameof(PhoneCipher), nameof(PhoneMasked),
        nameof(PhoneTail), nameof(BirthDate), nameof(Skills), nameof(Interests), nameof(Tags), nameof(Availability), nameof(UserId),
    };

    private Volunteer() { }

    public Guid Id { get; private set; }
    public Guid CountyId { get; private set; }
    /// <summary>The station or base the volunteer belongs to.</summary>
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    /// <summary>志愿者编号, county-unique, given at approval.</summary>
    public string? Number { get; private set; }
    public string Name { get; private set; } = "";
    public string? IdIndex { get; private set; }
    public string? IdCipher { get; private set; }
    public string IdMasked { get; private set; } = "";
    public string? PhoneIndex { get; private set; }
    public string? PhoneCipher { get; private set; }
    public string PhoneMasked { get; private set; } = "";
    /// <summary>The phone's last four digits as the mask shows them, stored apart so "尾号 0003" is an index lookup.</summary>
    public string? PhoneTail { get; private set; }
    public Gender? Gender { get; private set; }
    public DateOnly? BirthDate { get; private set; }
    public PoliticalStatus PoliticalStatus { get; private set; }
    public List<string> Skills { get; private set; } = [];
    public List<string> Interests { get; private set; } = [];
    public List<string> Tags { get; private set; } = [];
    public List<string> Availability { get; private set; } = [];
    /// <summary>The <see cref="ConsentNotice"/> the person agreed to (one stored text shared by all who agreed to it).</summary>
    public Guid ConsentNoticeId { get; private set; }
    public DateTimeOffset ConsentAt { get; private set; }
    public VolunteerStatus Status { get; private set; }
    public RegistrationSource Source { get; private set; }
    public string? ReviewNote { get; private set; }
    public Guid? ReviewedBy { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public Guid? UserId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    /// <summary>A volunteer belongs to a station (where they live) or a base (where they work, seed 004: staff of agencies and enterprises).</summary>
    public static bool CanBelongTo(OrgUnitType type) => type is OrgUnitType.Station or OrgUnitType.Base;

    public static Volunteer Register(OrgUnit unit, VolunteerProfile profile, ProtectedIdentity identity, ConsentNotice consent,
        RegistrationSource source, DateTimeOffset now)
    {
        if (!CanBelongTo(unit.Type)) throw new DomainException("志愿者须归属到一个实践站或实践基地。");
        if (!unit.IsActive) throw new DomainException($"所选{OrgUnitLabels.Of(unit.Type)}已停用，请选择其他单位。", DomainErrorKind.Conflict);
        if (consent is null || string.IsNullOrWhiteSpace(consent.Text)) throw new DomainException("请阅读并同意个人信息处理规则。");
        var v = new Volunteer
        {
            Id = Guid.CreateVersion7(now),
            CountyId = unit.CountyId,
            UnitId = unit.Id,
            UnitPath = unit.Path,
            IdIndex = identity.IdIndex,
            IdCipher = identity.IdCipher,
            IdMasked = identity.IdMasked,
            PhoneIndex = identity.PhoneIndex,
            PhoneCipher = identity.PhoneCipher,
            PhoneMasked = identity.PhoneMasked,
            PhoneTail = TailOf(identity.PhoneMasked),
            Gender = identity.Gender,
            BirthDate = identity.BirthDate,
            ConsentNoticeId = consent.Id,
            ConsentAt = now,
            Status = VolunteerStatus.Pending,
            Source = source,
            CreatedAt = now,
        };
        v.Apply(profile, now);
        return v;
    }

    public void Approve(string number, Guid reviewer, DateTimeOffset now)
    {
        if (Status != VolunteerStatus.Pending) throw new DomainException($"该志愿者当前为“{VolunteerLabels.Of(Status)}”，不能审核通过。", DomainErrorKind.Conflict);
        Number = number;
        Status = VolunteerStatus.Approved;
        ReviewedBy = reviewer;
        ReviewedAt = now;
        UpdatedAt = now;
    }

    public void Reject(string reason, Guid reviewer, DateTimeOffset now)
    {
        if (Status != VolunteerStatus.Pending) throw new DomainException($"该志愿者当前为“{VolunteerLabels.Of(Status)}”，不能驳回。", DomainErrorKind.Conflict);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("请填写驳回原因，便于申请人修改后重新提交。");
        Status = VolunteerStatus.Rejected;
        ReviewNote = reason.Trim();
        ReviewedBy = reviewer;
        ReviewedAt = now;
        UpdatedAt = now;
    }

    public void LinkAccount(Guid userId) => UserId = userId;

    public void Correct(VolunteerProfile profile, DateTimeOffset now)
    {
        EnsureNotWithdrawn();
        Apply(profile, now);
    }

    public void MoveToUnit(OrgUnit unit, DateTimeOffset now)
    {
        EnsureNotWithdrawn();
        if (!CanBelongTo(unit.Type) || unit.CountyId != CountyId) throw new DomainException("请选择本县的一个实践站或实践基地。");
        UnitId = unit.Id;
        UnitPath = unit.Path;
        UpdatedAt = now;
    }

    public void FollowUnit(string unitPath) => UnitPath = unitPath;

    /// <summary>注销: personal fields are erased for good; number, station and service records remain.</summary>
    public void Withdraw(DateTimeOffset now)
    {
        EnsureNotWithdrawn();
        Name = ErasedName;
        IdIndex = null;
        IdCipher = null;
        IdMasked = "";
        PhoneIndex = null;
        PhoneCipher = null;
        PhoneMasked = "";
        PhoneTail = null;
        BirthDate = null;
        Skills = [];
        Interests = [];
        Tags = [];
        Availability = [];
        UserId = null;
        Status = VolunteerStatus.Withdrawn;
        WithdrawnAt = now;
        UpdatedAt = now;
    }

    /// <summary>The last four characters of a phone mask (<c>138****0001</c> → <c>0001</c>); none for a shorter one.</summary>
    public static string? TailOf(string phoneMasked) => phoneMasked.Length >= TailLength ? phoneMasked[^TailLength..] : null;

    public const int TailLength = 4;

    private void EnsureNotWithdrawn()
    {
        if (Status == VolunteerStatus.Withdrawn) throw new DomainException("该志愿者已注销。", DomainErrorKind.Conflict);
    }

    private void Apply(VolunteerProfile p, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(p.Name)) throw new DomainException("请填写姓名。");
        Name = p.Name.Trim();
        PoliticalStatus = p.PoliticalStatus;
        Skills = Clean(p.Skills);
        Interests = Clean(p.Interests);
        Tags = Clean(p.Tags);
        Availability = Clean(p.Availability);
        UpdatedAt = now;
    }

    public const int MaxItemLength = 30;

    /// <summary>Trimmed, without blanks or repeats; a missing list is an empty one.</summary>
    public static List<string> Clean(IEnumerable<string?>? items)
    {
        var clean = (items ?? []).Where(s => s is not null).Select(s => s!.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (clean.Any(s => s.Length > MaxItemLength)) throw new DomainException($"每一项最长 {MaxItemLength} 个字。");
        return clean;
    }
}
