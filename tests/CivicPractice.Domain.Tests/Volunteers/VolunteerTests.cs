using CivicPractice.Domain.Common;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Volunteers;

namespace CivicPractice.Domain.Tests.Volunteers;

public sealed class VolunteerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Approve_GivesTheNumber_OnlyOnce()
    {
        var v = Register();
        v.Approve("439901000001", Guid.NewGuid(), Now);

        Assert.Equal(VolunteerStatus.Approved, v.Status);
        Assert.Equal("439901000001", v.Number);
        Assert.Throws<DomainException>(() => v.Approve("439901000002", Guid.NewGuid(), Now));
        Assert.Throws<DomainException>(() => v.Reject("重复", Guid.NewGuid(), Now));
    }

    [Fact]
    public void Reject_NeedsAReason()
    {
        var v = Register();
        Assert.Throws<DomainException>(() => v.Reject(" ", Guid.NewGuid(), Now));
        v.Reject("身份证照片不清晰", Guid.NewGuid(), Now);
        Assert.Equal(VolunteerStatus.Rejected, v.Status);
    }

    [Fact]
    public void Withdraw_ErasesPersonalFields_AndKeepsTheRecord()
    {
        var v = Register();
        v.Approve("439901000001", Guid.NewGuid(), Now);
        v.Withdraw(Now);

        Assert.Equal(VolunteerStatus.Withdrawn, v.Status);
        Assert.Equal("439901000001", v.Number);
        Assert.Equal(Volunteer.ErasedName, v.Name);
        Assert.Null(v.IdCipher);
        Assert.Null(v.IdIndex);
        Assert.Null(v.PhoneCipher);
        Assert.Null(v.BirthDate);
        Assert.Empty(v.IdMasked);
        Assert.Empty(v.Tags);
        Assert.Throws<DomainException>(() => v.Correct(Profile(), Now));
    }

    [Fact]
    public void ErasedOnWithdrawal_NamesTheFieldsWithdrawalErases_SoTheirAuditCopiesAreErasedToo()
    {
        var v = Register();
        v.LinkAccount(Guid.NewGuid());
        var before = typeof(Volunteer).GetProperties().ToDictionary(p => p.Name, p => Text(p.GetValue(v)));
        v.Withdraw(Now);
        var after = typeof(Volunteer).GetProperties().ToDictionary(p => p.Name, p => Text(p.GetValue(v)));

        var personal = before.Keys.Where(k => before[k] != after[k] && k is not (nameof(Volunteer.Status) or nameof(Volunteer.WithdrawnAt) or nameof(Volunteer.UpdatedAt)));
        Assert.Equal(personal.Order(), Volunteer.ErasedOnWithdrawal.Order());
    }

    private static string? Text(object? value) => value is System.Collections.IEnumerable list and not string ? string.Join(",", list.Cast<object>()) : value?.ToString();

    [Fact]
    public void Register_OnlyAtAnActiveStation_AndWithConsent()
    {
        var county = Guid.NewGuid();
        var center = OrgUnit.Create(county, null, OrgUnitType.Center, Details("中心", "C"), Now);
        var institute = OrgUnit.Create(county, center, OrgUnitType.Institute, Details("所", "I"), Now);
        Assert.Throws<DomainException>(() => Volunteer.Register(institute, Profile(), Identity(), ConsentNotice.Of("同意"), RegistrationSource.SelfService, Now));
        var station = OrgUnit.Create(county, institute, OrgUnitType.Station, Details("站", "S"), Now);
        Assert.Throws<DomainException>(() => Volunteer.Register(station, Profile(), Identity(), ConsentNotice.Of(""), RegistrationSource.SelfService, Now));
    }

    [Fact]
    public void AVolunteer_BelongsToAStationOrABase_NeverToAPointOrInstitute()
    {
        var county = Guid.NewGuid();
        var center = OrgUnit.Create(county, null, OrgUnitType.Center, Details("中心", "C"), Now);
        var institute = OrgUnit.Create(county, center, OrgUnitType.Institute, Details("所", "I"), Now);
        var station = OrgUnit.Create(county, institute, OrgUnitType.Station, Details("站", "S"), Now);
        var point = OrgUnit.Create(county, station, OrgUnitType.Point, Details("点", "P"), Now);
        var enterprise = OrgUnit.Create(county, station, OrgUnitType.Base, Details("茶业公司实践基地", "B"), Now);

        var staff = Volunteer.Register(enterprise, Profile(), Identity(), ConsentNotice.Of("同意"), RegistrationSource.SelfService, Now);

        Assert.Equal((enterprise.Id, enterprise.Path), (staff.UnitId, staff.UnitPath));
        Assert.StartsWith(station.Path, staff.UnitPath); // inside the station's subtree: its admin sees the base's volunteers
        var refused = Assert.Throws<DomainException>(() => Volunteer.Register(point, Profile(), Identity(), ConsentNotice.Of("同意"), RegistrationSource.SelfService, Now));
        Assert.Equal("志愿者须归属到一个实践站或实践基地。", refused.Message);
        staff.MoveToUnit(station, Now);
        Assert.Equal(station.Id, staff.UnitId);
        Assert.Throws<DomainException>(() => staff.MoveToUnit(institute, Now));
    }

    [Fact]
    public void Profile_ListsAreTrimmedAndDeduplicated()
    {
        var v = Register();
        v.Correct(Profile() with { Tags = ["五老", " 五老 ", "", "在职党员"] }, Now);
        Assert.Equal(["五老", "在职党员"], v.Tags);
    }

    internal static Volunteer Register()
    {
        var county = Guid.NewGuid();
        var center = OrgUnit.Create(county, null, OrgUnitType.Center, Details("中心", "C"), Now);
        var institute = OrgUnit.Create(county, center, OrgUnitType.Institute, Details("所", "I"), Now);
        var station = OrgUnit.Create(county, institute, OrgUnitType.Station, Details("站", "S"), Now);
        return Volunteer.Register(station, Profile(), Identity(), ConsentNotice.Of("我已阅读并同意"), RegistrationSource.SelfService, Now);
    }

    private static VolunteerProfile Profile() => new("张三", PoliticalStatus.PartyMember, ["医疗护理"], ["敬老爱老"], ["在职党员"], ["周末"]);

    private static ProtectedIdentity Identity() => new("id:1", "v1:x", "430***********1234", "phone:1", "v1:y", "138****0000", Gender.Male, new DateOnly(1980, 1, 1));

    private static OrgUnitDetails Details(string name, string code) => new(name, code, null, null, null, 0, null, null, null, null);
}
