#!/usr/bin/env python3
"""Writes the English words of every enum that carries Chinese words ([Zh(...)] in src/CountySkills.Web/Domain) into the
generated block of scripts/strings.d/english.py, as keys Enum.<Type>.<Value> = (first Chinese word, English).
English comes from EN below when given there, else from the member's name ("FreeBoardLodging" -> "Free board lodging").
Run it after adding an enum or a value, then run scripts/strings.py."""
import glob, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
DOMAIN = os.path.join(HERE, "..", "src", "CountySkills.Web", "Domain")
TARGET = os.path.join(HERE, "strings.d", "english.py")

EN = {
 "SkillLevel.None": "No level", "SkillLevel.SeniorTechnician": "Level 1 / senior technician", "SkillLevel.Technician": "Level 2 / technician",
 "SkillLevel.Advanced": "Level 3 / senior worker", "SkillLevel.Intermediate": "Level 4 / intermediate worker", "SkillLevel.Junior": "Level 5 / junior worker",
 "CertificateKind.SkillLevel": "Skill-level certificate", "CertificateKind.Qualification": "Vocational qualification certificate",
 "CertificateKind.SpecialAbility": "Special vocational ability certificate", "CertificateKind.TrainingCompletion": "Training completion certificate",
 "ClassKind.EmploymentSkills": "Employment skills training", "ClassKind.JobSkillUpgrade": "On-the-job skill upgrading",
 "ClassKind.Entrepreneurship": "Entrepreneurship training", "ClassKind.Order": "Order training", "ClassKind.Directed": "Directed training",
 "ClassKind.PreJob": "Pre-job training", "ClassKind.Apprenticeship": "New apprenticeship",
 "ClassStatus.Submitted": "Application submitted", "ClassStatus.InProgress": "In training", "ClassStatus.Closed": "Archived",
 "ClassAction.Submit": "Submit application", "ClassAction.Withdraw": "Withdraw application", "ClassAction.Start": "Start the class",
 "ClassAction.Complete": "Complete", "ClassAction.Close": "Archive",
 "StarLevel.None": "Not rated", "StarLevel.One": "One star", "StarLevel.Two": "Two stars", "StarLevel.Three": "Three stars",
 "StarLevel.Four": "Four stars", "StarLevel.Five": "Five stars", "StarLevel.Gold": "Gold medal",
 "AgencyGrade.A": "Grade A", "AgencyGrade.AA": "Grade AA", "AgencyGrade.AAA": "Grade AAA", "AgencyGrade.AAAA": "Grade AAAA", "AgencyGrade.AAAAA": "Grade AAAAA",
 "ClaimStatus.Returned": "Returned for changes", "ClaimStatus.InNotice": "In public notice",
 "ClaimAction.Submit": "Submit", "ClaimAction.Publish": "Publish the notice", "ClaimAction.Return": "Return for changes",
 "LineDecision.Returned": "Returned for changes", "PaymentState.None": "Not paid", "PaymentState.Pending": "Awaiting payment",
 "PaymentState.InBatch": "In a payment batch", "SubsidyPayee.Person": "Person's social-security card",
 "SubsidyFund.EmploymentFund": "Employment subsidy fund", "SubsidyFund.SkillsAccount": "Skills-upgrading special account", "SubsidyFund.Other": "Other funds",
 "ObjectionStatus.Upheld": "Objection upheld", "ObjectionStatus.Dismissed": "Objection dismissed",
 "AgreementBenefits.FreeBoardLodging": "Free board and lodging", "AgreementBenefits.FreeTuitionMaterials": "Free tuition and materials",
 "AgreementStatus.Active": "In force", "JobOrderStatus.Open": "Recruiting",
 "FollowUpProblems.UnpaidWages": "Unpaid wages", "FollowUpProblems.Contract": "Labour contract problem", "FollowUpProblems.Safety": "Safety problem",
 "FollowUpProblems.WantsToReturn": "Wants to return home", "FollowUpState.Upcoming": "Not yet due", "FollowUpState.Due": "Due",
 "DestinationBand.InCounty": "In the county", "DestinationBand.OutOfCountyInCity": "Outside the county, in the city",
 "DestinationBand.OutOfCityInProvince": "Outside the city, in the province", "DestinationBand.OutOfProvince": "Outside the province",
 "InstitutionKind.PublicTrainingBase": "Public training base", "InstitutionKind.SeniorTechnicalSchool": "Senior technical school",
 "InstitutionKind.AgriculturalBroadcastingSchool": "Agricultural broadcasting school", "InstitutionKind.VocationalEducationCentre": "Vocational education centre",
 "InstitutionKind.PrivateSchool": "Private training school", "InstitutionKind.EnterpriseTrainingCentre": "Enterprise training centre",
 "EmployerKind.FootCareChain": "Foot-care chain", "EmployerKind.Ecommerce": "E-commerce firm", "EmployerKind.Construction": "Construction firm",
 "EmployerKind.Moxibustion": "Moxibustion clinic", "EmployerKind.HousekeepingAgency": "Housekeeping agency",
 "BusinessKind.Ecommerce": "E-commerce", "BusinessKind.MoxibustionShop": "Moxibustion shop", "BusinessKind.FootCareShop": "Foot-care shop",
 "BusinessKind.Farming": "Crops and livestock", "IncubatorKind.Park": "Incubation park", "IncubatorKind.Base": "Incubation base",
 "SupportKind.UtilitySubsidy": "Utility subsidy", "CertificateSource.Manual": "Entered by hand", "CertificateSource.Class": "Class completion",
 "CertificateSource.Import": "Imported", "InspectionStatus.Open": "To be rectified", "EnrolmentStatus.Active": "Enrolled",
 "EventKind.SendOff": "Send-off ceremony", "PlanStatus.Issued": "Issued", "BrandPartnerRole.PartnerAgency": "Partner agency",
 "AlertKind.UnpaidWages": "Unpaid wages",
}

def human(name):
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z][a-z]*|\d+", name)
    s = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)
    return s[:1].upper() + s[1:]

found = {}
for f in sorted(glob.glob(os.path.join(DOMAIN, "*.cs"))):
    text = open(f, encoding="utf-8").read()
    for m in re.finditer(r"\benum\s+(\w+)[^{]*\{(.*?)\}", text, re.S):
        body = re.sub(r"//[^\n]*", "", m.group(2))
        for z in re.finditer(r'\[Zh\(\s*"([^"]*)"[^\]]*\)\]\s*(\w+)', body):
            key = f"{m.group(1)}.{z.group(2)}"
            found["Enum." + key] = (z.group(1), EN.get(key, human(z.group(2))))

block = "# BEGIN enum words (generated by scripts/enum-words.py: do not edit by hand)\nENUMS = {\n"
block += "".join(f" {k!r}: ({v[0]!r}, {v[1]!r}),\n" for k, v in found.items()) + "}\n# END enum words\n"
src = open(TARGET, encoding="utf-8").read()
src = re.sub(r"# BEGIN enum words.*?# END enum words\n", lambda _: block, src, flags=re.S)
open(TARGET, "w", encoding="utf-8").write(src)
print(f"{len(found)} enum words written to {TARGET}")
