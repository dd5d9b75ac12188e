using System.Globalization;
using CivicPractice.Domain.Identity;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Demo;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Volunteers;

/// <summary>
/// Demo volunteers: about 13 % of each station's population (DOMAIN.md §4; <c>Civic:Demo:VolunteerShare</c>, scaled by
/// the county's <see cref="DemoCountyProfile.VolunteerShareFactor"/>), with valid ID numbers and phones, party members
/// among them, most approved (<see cref="DemoCountyProfile.ApprovedShare"/>). Also the county's option lists, and
/// volunteer records for the demo volunteer and team leader accounts.
/// </summary>
public sealed class VolunteerDemoContributor(PiiProtector pii, IConfiguration config) : IDemoContributor
{
    public const double DefaultShare = 0.13;
    private const int Batch = 5000;

    public int Order => 10;

    public async Task ContributeAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var consent = await VolunteerConsent.StoredAsync(db, VolunteerConsent.Text, ct);
        var options = VolunteerOption.Defaults(ctx.County.Id).ToList();
        db.VolunteerOptions.AddRange(options);
        await db.SaveChangesAsync(ct);
        string[] Names(VolunteerOptionKind k) => [.. options.Where(o => o.Kind == k).Select(o => o.Name)];
        var skills = Names(VolunteerOptionKind.Skill);
        var interests = Names(VolunteerOptionKind.Interest);
        var availability = Names(VolunteerOptionKind.Availability);

        var share = config.GetValue("Civic:Demo:VolunteerShare", DefaultShare) * ctx.Profile.VolunteerShareFactor;
        var random = ctx.Random;
        var usedPhones = new HashSet<string>();
        var usedIds = new HashSet<string>();
        var today = DateOnly.FromDateTime(ctx.Now.UtcDateTime);
        var number = 0;
        var pending = new List<Volunteer>();

        // The demo volunteer and team leader accounts get their own records first.
        var demoUsers = await (from r in db.RoleAssignments
                               join u in db.Users on r.UserId equals u.Id
                               where r.CountyId == ctx.County.Id && r.Role == RoleKind.Volunteer
                               select new { u.Id, u.DisplayName, u.PhoneCipher, r.OrgUnitId }).ToListAsync(ct);
        foreach (var du in demoUsers)
        {
            var phone = pii.Decrypt(du.PhoneCipher);
            usedPhones.Add(phone);
            var station = ctx.Units.First(u => u.Id == du.OrgUnitId);
            var v = NewVolunteer(station, du.DisplayName, phone, PoliticalStatus.PartyMember, approved: true);
            v.LinkAccount(du.Id);
            pending.Add(v);
        }

        foreach (var station in ctx.Stations)
        {
            var count = (int)Math.Round(station.ResidentPopulation * share);
            for (var i = 0; i < count; i++)
            {
                var roll = random.NextDouble();
                var political = roll < 0.18 ? PoliticalStatus.PartyMember : roll < 0.20 ? PoliticalStatus.ProbationaryPartyMember
                    : roll < 0.30 ? PoliticalStatus.LeagueMember : roll < 0.31 ? PoliticalStatus.DemocraticParty : PoliticalStatus.Masses;
                pending.Add(NewVolunteer(station, PersonName(), NewPhone(), political));
                if (pending.Count >= Batch) await FlushAsync();
            }
        }
        // Staff of agencies and enterprises register with their employer's base (seed 004): most of its party members, a
        // few others; fewer where the county's people register less (the same share as at the stations).
        var shareFactor = share / DefaultShare;
        foreach (var practiceBase in ctx.Units.Where(u => u.Type == OrgUnitType.Base))
        {
            var partyMembers = (int)Math.Round(practiceBase.PartyMembers * Math.Min(1, (0.6 + random.NextDouble() * 0.4) * shareFactor));
            var others = (int)Math.Round(random.Next(5, 30) * shareFactor);
            for (var i = 0; i < partyMembers + others; i++)
            {
                var v = NewVolunteer(practiceBase, PersonName(), NewPhone(), i < partyMembers ? PoliticalStatus.PartyMember : PoliticalStatus.Masses, employed: true);
                pending.Add(v);
                if (pending.Count >= Batch) await FlushAsync();
            }
        }
        await FlushAsync();

        Volunteer NewVolunteer(OrgUnit station, string name, string phone, PoliticalStatus political, bool approved = false, bool employed = false)
        {
            var id = NewIdNumber();
            ChineseIdNumber.TryParse(id, today, out var parsed, out _);
            var age = parsed!.AgeOn(today);
            var tags = new List<string>();
            if (VolunteerLabels.IsPartyMember(political) && (employed || random.NextDouble() < 0.4)) tags.Add("在职党员");
            if (age >= 60 && random.NextDouble() < 0.3) tags.Add(random.Next(2) == 0 ? "五老" : "老教师");
            if (age <= 24 && random.NextDouble() < 0.4) tags.Add("大学生");
            if (random.NextDouble() < 0.05) tags.Add("文艺骨干");
            var profile = new VolunteerProfile(name, political, Pick(skills, random.Next(0, 3)), Pick(interests, random.Next(1, 4)), tags, Pick(availability, random.Next(1, 3)));
            var v = Volunteer.Register(station, profile, pii.Protect(parsed, phone), consent, RegistrationSource.SelfService, ctx.Now);
            if (approved || random.NextDouble() < ctx.Profile.ApprovedShare)
            {
                number++;
                v.Approve(ctx.County.Code + number.ToString("D7", CultureInfo.InvariantCulture), Guid.Empty, ctx.Now);
            }
            return v;
        }

        async Task FlushAsync()
        {
            db.Volunteers.AddRange(pending);
            foreach (var v in pending.Where(v => v.UserId is not null && v.Status == VolunteerStatus.Approved))
            {
                if (!await db.RoleAssignments.AnyAsync(r => r.UserId == v.UserId && r.Role == RoleKind.Volunteer, ct))
                {
                    db.RoleAssignments.Add(new RoleAssignment(v.CountyId, v.UserId!.Value, RoleKind.Volunteer, v.UnitId, ctx.Now));
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            pending.Clear();
        }

        string NewIdNumber()
        {
            while (true)
            {
                var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(0, 20_800));
                var first17 = ctx.County.Code + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + random.Next(0, 1000).ToString("D3", CultureInfo.InvariantCulture);
                var id = first17 + ChineseIdNumber.CheckCharacter(first17);
                if (usedIds.Add(id)) return id;
            }
        }

        string NewPhone()
        {
            string[] prefixes = ["135", "136", "137", "139", "150", "151", "152", "158", "159", "177", "180", "181", "186", "187", "188", "189", "199"];
            while (true)
            {
                var phone = prefixes[random.Next(prefixes.Length)] + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
                if (usedPhones.Add(phone)) return phone;
            }
        }

        List<string> Pick(string[] from, int count) => [.. from.OrderBy(_ => random.Next()).Take(count)];

        string PersonName() => DemoNames.Surnames[random.Next(DemoNames.Surnames.Length)] + DemoNames.GivenNames[random.Next(DemoNames.GivenNames.Length)];
    }
}
