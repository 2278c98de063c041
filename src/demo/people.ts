/**
 * The demo organisation: ~30 hand-written people (several scripts, one RTL, one very long name), a manager hierarchy,
 * groups with nesting, and deterministic generated people for large boards. Directory data does not depend on the
 * seed, so ids and names are stable across seeds; only presence and faults do.
 */
import { guidFrom, hash32 } from "./prng";
import { EXTRA_ZONES } from "./zones";

/** How the presence model treats a person. */
export type PresenceKind =
  | "normal"
  /** On leave: Offline/OutOfOffice with an automatic reply, every day. */
  | "vacation"
  /** Working normally but with an automatic reply on ("Available, out of office" in Teams). */
  | "conference"
  /** Presence never resolves (e.g. a guest whose home tenant does not share it). */
  | "unknown";

/** A recurring meeting in the person's local time. weekday: 0 = Sunday. */
export interface FixedMeeting {
  weekday: number;
  startMinute: number;
  endMinute: number;
  presenting?: boolean;
}

export interface PersonSpec {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  jobTitle: string;
  department: string;
  mail: string;
  userPrincipalName: string;
  mailNickname: string;
  userType: "Member" | "Guest";
  officeLocation: string | null;
  city: string | null;
  country: string | null;
  usageLocation: string;
  preferredLanguage: string;
  businessPhones: string[];
  timeZone: string;
  managerId: string | null;
  hasPhoto: boolean;
  statusMessage: string | null;
  kind: PresenceKind;
  /** Weekdays off, 0 = Sunday. */
  weekend: readonly number[];
  /** Newer clients report focus time as availability "focusing" instead of "DoNotDisturb". */
  camelFocus: boolean;
  /** Usual start of the working day, minutes after local midnight (jittered per day). */
  workStartMinute: number | null;
  fixedMeetings: readonly FixedMeeting[];
  oooMessage: string | null;
}

export const DOMAIN = "contoso.example";

/** Hand-written ids (stable; referenced by tests and by the demo's default watched list). */
export const IDS = {
  johanna: "a500da2e-2d91-40e7-b35c-e823761dc704",
  wangFang: "feb8c4ef-5767-4cc6-8947-3f35fe4b7a91",
  olga: "129e5bb2-60b9-4759-a611-2c716efb07c7",
  ahmed: "2b76b0c7-b9e5-45fe-91ca-81291fa86d69",
  priya: "8d20a40c-fdb0-47f5-b94e-6baf744bc75f",
  lucas: "5b69c4a7-8e86-4704-8bcf-6237e169d247",
  siobhan: "abc5c75f-14ef-4a96-9c4f-795fb2d59c98",
  bjorn: "50ff466c-d676-40e0-bee9-9f58248e5b6c",
  maria: "b0c29b66-56bf-4075-b910-4faafc48b62c",
  daniel: "93f3bd9c-7d6b-48e8-be13-0c0065fcf5ea",
  emily: "3196d4c0-a33f-4eab-b9df-ae203d7261ef",
  oskar: "cbf5570f-b450-42fd-b8c3-c582e2af86fa",
  margaret: "5f95b780-7bb2-4a1c-8353-93035363cf51",
  rafael: "13664323-88c2-42ad-a340-e22afc21cead",
  sofia: "63d7386b-5e86-472f-a73a-20f83fb0557d",
  tomas: "b2d6badb-0011-4c70-b113-a2bff4f63529",
  hiroshi: "3ded2cc6-ce46-4352-8b9e-6aaab3491bab",
  chloe: "1b477d80-86e8-44f1-b6d2-8ab1881e034e",
  mateusz: "a818fed8-29fc-4a39-8a8f-76fab07a9652",
  lan: "53f24b12-b0c7-45fb-b08a-33679846286f",
  jiwon: "4489cced-3a67-43a9-8f3a-d310dee7ff7e",
  kwame: "46d7259c-ea4d-4910-ab75-f3cdb66682bd",
  liam: "04784a21-baf7-4711-99d1-dcf8b0363301",
  grace: "0988c5a1-2e1f-487e-8c86-6ca26426a0ce",
  aisha: "b0079853-7cf7-4e49-beda-cd5abc51a46d",
  zeynep: "86dec2ba-a801-4544-be83-3bf8f3cfd291",
  noa: "9433d007-5657-408d-80fd-c944d0d7871e",
  eleni: "d4185140-ba48-4bf3-887b-9fc5610be875",
  jack: "b236d2b1-64f4-4906-98a3-e10b8bcf1d96",
  aroha: "47d79d0f-8a13-467d-8e30-60a1b53effaa",
  arjun: "7878cb92-493d-4bf2-948c-c29972f064be",
  anaMaria: "6d853ee0-5b40-4df2-8fc8-c80cf79d20c6",
} as const;

export const GROUP_IDS = {
  platform: "54ed6158-b221-423b-b7e1-68b89f607472",
  onCall: "e21e4e7d-2680-4408-bccf-d056a1bdb8bb",
  mobile: "b6174ac4-55dc-456a-8d4b-40d8da9ed823",
  product: "a79e4caa-5c7e-4015-a909-78b4d25c8a7e",
  allCompany: "7b1f4ae6-4bd2-402d-b6d1-b8afef24f667",
} as const;

// Outlook stores automatic replies as full HTML documents with CRLF line ends; boards must not render them raw.
const OOO_BJORN = [
  "<html>",
  "<head>",
  '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
  '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>',
  "</head>",
  '<body dir="ltr">',
  '<div style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);" class="elementToProof">',
  "Hej! I&#8217;m on parental leave and won&#8217;t read email until further notice.</div>",
  '<div style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);" class="elementToProof">',
  "<br>",
  "</div>",
  '<div style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);" class="elementToProof">',
  `For anything about the build &amp; release pipeline, contact <a href="mailto:johanna.lindqvist@${DOMAIN}">Johanna Lindqvist</a>.&nbsp;</div>`,
  "</body>",
  "</html>",
  "",
].join("\r\n");

const OOO_AHMED = [
  "<html>",
  "<head>",
  '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
  '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>',
  "</head>",
  '<body dir="rtl">',
  '<div style="font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);" dir="rtl">',
  "مرحبًا، أنا في مؤتمر هذا الأسبوع وقد يتأخر ردي.</div>",
  '<div style="font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);" dir="ltr">',
  `I&#39;m at a conference this week. Replies may be slow; for incidents page <a href="mailto:platform-oncall@${DOMAIN}">Platform On-call</a>.</div>`,
  "</body>",
  "</html>",
  "",
].join("\r\n");

interface Hand {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  jobTitle: string;
  department: string;
  nick: string;
  office: string | null;
  city: string;
  country: string;
  usage: string;
  lang: string;
  tz: string;
  manager: string | null;
  photo?: boolean;
  phone?: string;
  status?: string;
  kind?: PresenceKind;
  weekend?: number[];
  camelFocus?: boolean;
  workStart?: number;
  fixed?: FixedMeeting[];
  ooo?: string;
  guestOf?: string;
}

const PLATFORM = "Platform Engineering";

const HAND: readonly Hand[] = [
  {
    id: IDS.johanna, displayName: "Johanna Lindqvist", givenName: "Johanna", surname: "Lindqvist",
    jobTitle: "Engineering Manager", department: PLATFORM, nick: "johanna.lindqvist", office: "Stockholm HQ",
    city: "Stockholm", country: "Sweden", usage: "SE", lang: "sv-SE", tz: "Europe/Stockholm", manager: IDS.daniel,
    phone: "+46 8 555 010 00", status: "Hiring an SRE this quarter — ask me! 🚀", workStart: 8 * 60,
    // Wednesday planning and a Thursday demo: fixed points the tests (and the demo) can rely on.
    fixed: [
      { weekday: 3, startMinute: 10 * 60, endMinute: 11 * 60 },
      { weekday: 4, startMinute: 15 * 60, endMinute: 15 * 60 + 30, presenting: true },
    ],
  },
  {
    id: IDS.wangFang, displayName: "王芳", givenName: "芳", surname: "王", jobTitle: "Senior Software Engineer",
    department: PLATFORM, nick: "wang.fang", office: "Shanghai", city: "Shanghai", country: "China", usage: "CN",
    lang: "zh-CN", tz: "Asia/Shanghai", manager: IDS.johanna, status: "专注编码中，有事请留言 🙏",
  },
  {
    id: IDS.olga, displayName: "Ольга Смирнова", givenName: "Ольга", surname: "Смирнова",
    jobTitle: "Software Engineer", department: PLATFORM, nick: "olga.smirnova", office: "Helsinki", city: "Helsinki",
    country: "Finland", usage: "FI", lang: "ru-RU", tz: "Europe/Helsinki", manager: IDS.johanna,
    status: "Работаю из дома до пятницы", camelFocus: true,
  },
  {
    id: IDS.ahmed, displayName: "أحمد الفارسي", givenName: "أحمد", surname: "الفارسي",
    jobTitle: "Site Reliability Engineer", department: PLATFORM, nick: "ahmed.alfarsi", office: "Dubai",
    city: "Dubai", country: "United Arab Emirates", usage: "AE", lang: "ar-AE", tz: "Asia/Dubai",
    manager: IDS.johanna, status: "في مؤتمر هذا الأسبوع 🎤", kind: "conference", ooo: OOO_AHMED,
  },
  {
    id: IDS.priya, displayName: "Priya Raghunathan", givenName: "Priya", surname: "Raghunathan",
    jobTitle: "Software Engineer", department: PLATFORM, nick: "priya.raghunathan", office: "Bengaluru",
    city: "Bengaluru", country: "India", usage: "IN", lang: "en-IN", tz: "Asia/Kolkata", manager: IDS.johanna,
  },
  {
    id: IDS.lucas, displayName: "Lucas Oliveira", givenName: "Lucas", surname: "Oliveira",
    jobTitle: "Software Engineer", department: PLATFORM, nick: "lucas.oliveira", office: null, city: "São Paulo",
    country: "Brazil", usage: "BR", lang: "pt-BR", tz: "America/Sao_Paulo", manager: IDS.johanna,
    status: "De volta das férias 🏖️ catching up on email",
  },
  {
    id: IDS.siobhan, displayName: "Siobhán Ní Bhriain", givenName: "Siobhán", surname: "Ní Bhriain",
    jobTitle: "QA Engineer", department: PLATFORM, nick: "siobhan.nibhriain", office: "Dublin", city: "Dublin",
    country: "Ireland", usage: "IE", lang: "en-IE", tz: "Europe/Dublin", manager: IDS.johanna, photo: false,
  },
  {
    id: IDS.bjorn, displayName: "Björn Eriksson", givenName: "Björn", surname: "Eriksson",
    jobTitle: "Senior Software Engineer", department: PLATFORM, nick: "bjorn.eriksson", office: "Stockholm HQ",
    city: "Stockholm", country: "Sweden", usage: "SE", lang: "sv-SE", tz: "Europe/Stockholm", manager: IDS.johanna,
    status: "Föräldraledig 👶 On parental leave", kind: "vacation", ooo: OOO_BJORN,
  },
  {
    id: IDS.maria,
    displayName: "María del Carmen Fernández de la Concepción Rodríguez-Villalobos y Santamaría",
    givenName: "María del Carmen", surname: "Fernández de la Concepción Rodríguez-Villalobos y Santamaría",
    jobTitle: "Principal Software Engineer, Developer Experience and Internal Tooling", department: PLATFORM,
    nick: "mariadelcarmen.fernandez", office: "Madrid", city: "Madrid", country: "Spain", usage: "ES", lang: "es-ES",
    tz: "Europe/Madrid", manager: IDS.johanna,
    status:
      "Deep in the migration of the build pipelines to the new runners this sprint. If it is urgent, please post in " +
      "the Platform on-call channel instead of messaging me directly — I read messages at 11:00 and 16:00 CET. " +
      "¡Gracias! 🙇‍♀️",
  },
  {
    id: IDS.daniel, displayName: "Daniel Okafor", givenName: "Daniel", surname: "Okafor",
    jobTitle: "Director of Engineering", department: "Engineering", nick: "daniel.okafor", office: "London",
    city: "London", country: "United Kingdom", usage: "GB", lang: "en-GB", tz: "Europe/London", manager: IDS.rafael,
    phone: "+44 20 7946 0321",
  },
  {
    id: IDS.emily, displayName: "Emily Carter", givenName: "Emily", surname: "Carter",
    jobTitle: "Senior Product Manager", department: "Product", nick: "emily.carter", office: "New York",
    city: "New York", country: "United States", usage: "US", lang: "en-US", tz: "America/New_York",
    manager: IDS.sofia, status: "Quarterly planning 📅 please book time via my calendar",
    fixed: [{ weekday: 2, startMinute: 10 * 60 + 30, endMinute: 11 * 60 + 30, presenting: true }],
  },
  {
    // A guest: presence from another tenant is not shared, and the UPN has the #EXT# form (encode it in URLs).
    id: IDS.oskar, displayName: "Oskar Nowak (Fabrikam)", givenName: "Oskar", surname: "Nowak",
    jobTitle: "External Consultant", department: PLATFORM, nick: "oskar.nowak_fabrikam.example#EXT#",
    office: null, city: "Warsaw", country: "Poland", usage: "PL", lang: "pl-PL", tz: "Europe/Warsaw", manager: null,
    photo: false, kind: "unknown", guestOf: "oskar.nowak@fabrikam.example",
    status: '<b>Contractor</b> @ Fabrikam & Co — "urgent"? → email',
  },
  {
    id: IDS.margaret, displayName: "Margaret Chen-Whitfield", givenName: "Margaret", surname: "Chen-Whitfield",
    jobTitle: "Chief Executive Officer", department: "Executive", nick: "margaret.chenwhitfield",
    office: "New York", city: "New York", country: "United States", usage: "US", lang: "en-US",
    tz: "America/New_York", manager: null,
  },
  {
    id: IDS.rafael, displayName: "Rafael Moreno", givenName: "Rafael", surname: "Moreno",
    jobTitle: "Chief Technology Officer", department: "Executive", nick: "rafael.moreno", office: "Madrid",
    city: "Madrid", country: "Spain", usage: "ES", lang: "es-ES", tz: "Europe/Madrid", manager: IDS.margaret,
  },
  {
    id: IDS.sofia, displayName: "Sofia Rossi", givenName: "Sofia", surname: "Rossi", jobTitle: "Director of Product",
    department: "Product", nick: "sofia.rossi", office: "Milan", city: "Milan", country: "Italy", usage: "IT",
    lang: "it-IT", tz: "Europe/Rome", manager: IDS.rafael,
  },
  {
    id: IDS.tomas, displayName: "Tomás Herrera", givenName: "Tomás", surname: "Herrera",
    jobTitle: "Product Designer", department: "Product", nick: "tomas.herrera", office: null,
    city: "Mexico City", country: "Mexico", usage: "MX", lang: "es-MX", tz: "America/Mexico_City",
    manager: IDS.sofia, status: "Figma ➜ user tests all week 🎨",
  },
  {
    id: IDS.hiroshi, displayName: "田中 浩", givenName: "浩", surname: "田中",
    jobTitle: "Engineering Manager, Mobile", department: "Mobile Engineering", nick: "hiroshi.tanaka",
    office: "Tokyo", city: "Tokyo", country: "Japan", usage: "JP", lang: "ja-JP", tz: "Asia/Tokyo",
    manager: IDS.daniel,
  },
  {
    id: IDS.chloe, displayName: "Chloé Dubois", givenName: "Chloé", surname: "Dubois", jobTitle: "iOS Engineer",
    department: "Mobile Engineering", nick: "chloe.dubois", office: "Paris", city: "Paris", country: "France",
    usage: "FR", lang: "fr-FR", tz: "Europe/Paris", manager: IDS.hiroshi,
  },
  {
    id: IDS.mateusz, displayName: "Mateusz Kowalczyk", givenName: "Mateusz", surname: "Kowalczyk",
    jobTitle: "Android Engineer", department: "Mobile Engineering", nick: "mateusz.kowalczyk", office: "Warsaw",
    city: "Warsaw", country: "Poland", usage: "PL", lang: "pl-PL", tz: "Europe/Warsaw", manager: IDS.hiroshi,
    camelFocus: true,
  },
  {
    id: IDS.lan, displayName: "Nguyễn Thị Lan", givenName: "Lan", surname: "Nguyễn", jobTitle: "Mobile QA Engineer",
    department: "Mobile Engineering", nick: "lan.nguyen", office: "Ho Chi Minh City", city: "Ho Chi Minh City",
    country: "Vietnam", usage: "VN", lang: "vi-VN", tz: "Asia/Ho_Chi_Minh", manager: IDS.hiroshi,
  },
  {
    id: IDS.jiwon, displayName: "박지원", givenName: "지원", surname: "박", jobTitle: "Mobile Engineer",
    department: "Mobile Engineering", nick: "jiwon.park", office: "Seoul", city: "Seoul", country: "South Korea",
    usage: "KR", lang: "ko-KR", tz: "Asia/Seoul", manager: IDS.hiroshi,
  },
  {
    id: IDS.kwame, displayName: "Kwame Mensah", givenName: "Kwame", surname: "Mensah",
    jobTitle: "Site Reliability Engineer", department: "Infrastructure", nick: "kwame.mensah", office: "Accra",
    city: "Accra", country: "Ghana", usage: "GH", lang: "en-GH", tz: "Africa/Accra", manager: IDS.daniel,
    photo: false,
  },
  {
    id: IDS.liam, displayName: "Liam O'Connor", givenName: "Liam", surname: "O'Connor",
    jobTitle: "Account Executive", department: "Sales", nick: "liam.oconnor", office: "Chicago", city: "Chicago",
    country: "United States", usage: "US", lang: "en-US", tz: "America/Chicago", manager: IDS.grace,
  },
  {
    id: IDS.grace, displayName: "Grace Kim", givenName: "Grace", surname: "Kim", jobTitle: "VP Sales",
    department: "Sales", nick: "grace.kim", office: "San Francisco", city: "San Francisco",
    country: "United States", usage: "US", lang: "en-US", tz: "America/Los_Angeles", manager: IDS.margaret,
  },
  {
    id: IDS.aisha, displayName: "Aisha Bello", givenName: "Aisha", surname: "Bello",
    jobTitle: "Customer Success Manager", department: "Customer Success", nick: "aisha.bello", office: "Lagos",
    city: "Lagos", country: "Nigeria", usage: "NG", lang: "en-NG", tz: "Africa/Lagos", manager: IDS.grace,
  },
  {
    id: IDS.zeynep, displayName: "Zeynep Yılmaz", givenName: "Zeynep", surname: "Yılmaz",
    jobTitle: "Support Engineer", department: "Customer Success", nick: "zeynep.yilmaz", office: "Istanbul",
    city: "Istanbul", country: "Türkiye", usage: "TR", lang: "tr-TR", tz: "Europe/Istanbul", manager: IDS.aisha,
  },
  {
    // Israel's weekend is Friday/Saturday.
    id: IDS.noa, displayName: "נועה לוי", givenName: "נועה", surname: "לוי", jobTitle: "Security Engineer",
    department: "Security", nick: "noa.levi", office: "Tel Aviv", city: "Tel Aviv", country: "Israel",
    usage: "IL", lang: "he-IL", tz: "Asia/Jerusalem", manager: IDS.rafael, weekend: [5, 6],
  },
  {
    id: IDS.eleni, displayName: "Ελένη Παπαδοπούλου", givenName: "Ελένη", surname: "Παπαδοπούλου",
    jobTitle: "Data Analyst", department: "Finance", nick: "eleni.papadopoulou", office: "Athens", city: "Athens",
    country: "Greece", usage: "GR", lang: "el-GR", tz: "Europe/Athens", manager: IDS.margaret,
  },
  {
    id: IDS.jack, displayName: "Jack Thompson", givenName: "Jack", surname: "Thompson",
    jobTitle: "Solutions Engineer", department: "Sales", nick: "jack.thompson", office: "Sydney", city: "Sydney",
    country: "Australia", usage: "AU", lang: "en-AU", tz: "Australia/Sydney", manager: IDS.grace, photo: false,
  },
  {
    id: IDS.aroha, displayName: "Aroha Ngata", givenName: "Aroha", surname: "Ngata", jobTitle: "Support Engineer",
    department: "Customer Success", nick: "aroha.ngata", office: "Auckland", city: "Auckland",
    country: "New Zealand", usage: "NZ", lang: "en-NZ", tz: "Pacific/Auckland", manager: IDS.aisha,
  },
  {
    id: IDS.arjun, displayName: "Arjun Mehta", givenName: "Arjun", surname: "Mehta", jobTitle: "Data Engineer",
    department: "Infrastructure", nick: "arjun.mehta", office: "Pune", city: "Pune", country: "India", usage: "IN",
    lang: "en-IN", tz: "Asia/Kolkata", manager: IDS.daniel,
  },
  {
    id: IDS.anaMaria, displayName: "Ana-Maria Popescu", givenName: "Ana-Maria", surname: "Popescu",
    jobTitle: "Technical Recruiter", department: "People", nick: "anamaria.popescu", office: "Bucharest",
    city: "Bucharest", country: "Romania", usage: "RO", lang: "ro-RO", tz: "Europe/Bucharest", manager: IDS.margaret,
  },
];

function fromHand(h: Hand): PersonSpec {
  const guest = h.guestOf !== undefined;
  return {
    id: h.id,
    displayName: h.displayName,
    givenName: h.givenName,
    surname: h.surname,
    jobTitle: h.jobTitle,
    department: h.department,
    mail: h.guestOf ?? `${h.nick}@${DOMAIN}`,
    userPrincipalName: `${h.nick}@${DOMAIN}`,
    mailNickname: h.nick,
    userType: guest ? "Guest" : "Member",
    officeLocation: h.office,
    city: h.city,
    country: h.country,
    usageLocation: h.usage,
    preferredLanguage: h.lang,
    businessPhones: h.phone ? [h.phone] : [],
    timeZone: h.tz,
    managerId: h.manager,
    hasPhoto: h.photo ?? true,
    statusMessage: h.status ?? null,
    kind: h.kind ?? "normal",
    weekend: h.weekend ?? [0, 6],
    camelFocus: h.camelFocus ?? false,
    workStartMinute: h.workStart ?? null,
    fixedMeetings: h.fixed ?? [],
    oooMessage: h.ooo ?? null,
  };
}

/** The lead (the demo's signed-in person) and the default board: her team plus a few others. */
export const ME_ID: string = IDS.johanna;
export const DEFAULT_WATCHED_IDS: readonly string[] = Object.freeze([
  IDS.johanna, IDS.wangFang, IDS.olga, IDS.ahmed, IDS.priya, IDS.lucas, IDS.siobhan, IDS.bjorn, IDS.maria,
  IDS.daniel, IDS.emily, IDS.oskar,
]);

// Generated people: seed-independent salt so ids and names never change with the presence seed.
const GEN_SALT = 0x0dd1ce;
const GIVEN_A = ["A", "Be", "Ca", "Da", "E", "Fa", "Gi", "Ha", "I", "Jo", "Ka", "Le", "Mi", "No", "O", "Pe", "Ri", "Sa", "Ta", "U", "Vi", "Ya", "Zo", "Ma"];
const GIVEN_B = ["li", "ra", "na", "mi", "ko", "ren", "lo", "sa", "vin", "tan", "del", "mar", "ni", "ya", "bel", "ro"];
const GIVEN_C = ["", "", "a", "o", "en", "ia", "us", "e"];
const SUR_A = ["Ber", "Kal", "Mor", "Sand", "Tor", "Vel", "Hol", "Nak", "Ost", "Rad", "Lin", "Dar", "Fen", "Gor", "Par", "Quin", "Sor", "Wal"];
const SUR_B = ["son", "berg", "ova", "ez", "ski", "ani", "oto", "ard", "ell", "ström", "escu", "idis", "mann", "ura", "sen", "ic"];
const DEPARTMENTS = ["Engineering", "Sales", "Customer Success", "Finance", "Marketing", "Operations", "People", "Legal", "Product"];
const TITLES = ["Software Engineer", "Account Manager", "Support Engineer", "Financial Analyst", "Marketing Specialist", "Operations Coordinator", "HR Business Partner", "Counsel", "Product Manager", "Data Scientist", "Designer", "Team Lead"];
const GEN_STATUS = ["Heads down today", "Travelling ✈️", "WFH", "On a customer site until 3pm", "🎧 focus mode", "Back Monday"];

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

const generatedId = (i: number): string => guidFrom(GEN_SALT, HAND.length + i);

function generatedPerson(i: number, managerIdOf: (i: number) => string): PersonSpec {
  const idx = HAND.length + i;
  const h = (k: number): number => hash32(GEN_SALT, idx, k);
  const given = pick(GIVEN_A, h(1)) + pick(GIVEN_B, h(2)) + pick(GIVEN_C, h(3));
  const surname = pick(SUR_A, h(4)) + pick(SUR_B, h(5));
  const nick = `${given}.${surname}${i + 1}`.toLowerCase().replace(/ö/g, "o");
  // A tree with fan-out 10 under the CEO, so directReports/manager work for generated people too.
  const managerId = i < 10 ? IDS.margaret : managerIdOf(Math.floor(i / 10) - 1);
  const dept = pick(DEPARTMENTS, h(6));
  return {
    id: generatedId(i),
    displayName: `${given} ${surname}`,
    givenName: given,
    surname,
    jobTitle: pick(TITLES, h(7)),
    department: dept,
    mail: `${nick}@${DOMAIN}`,
    userPrincipalName: `${nick}@${DOMAIN}`,
    mailNickname: nick,
    userType: "Member",
    officeLocation: null,
    city: null,
    country: null,
    usageLocation: "US",
    preferredLanguage: "en-US",
    businessPhones: [],
    timeZone: pick(EXTRA_ZONES, h(8)),
    managerId,
    hasPhoto: h(9) % 10 !== 0,
    statusMessage: h(10) % 5 === 0 ? pick(GEN_STATUS, h(11)) : null,
    kind: "normal",
    weekend: [0, 6],
    camelFocus: h(12) % 4 === 0,
    workStartMinute: null,
    fixedMeetings: [],
    oooMessage: null,
  };
}

export interface GroupSpec {
  id: string;
  displayName: string;
  description: string;
  mailNickname: string;
  /** Direct members: user ids and group ids. */
  memberIds: string[];
  team: boolean;
}

export interface Organisation {
  people: PersonSpec[];
  groups: GroupSpec[];
}

/** Build the organisation: the hand-written people first, then `extraPeople` generated ones. */
export function buildOrganisation(extraPeople: number): Organisation {
  const people = HAND.map(fromHand);
  const n = Math.max(0, Math.floor(extraPeople));
  const hand = people.length;
  const idOf = (i: number): string => people[hand + i]?.id ?? generatedId(i);
  for (let i = 0; i < n; i++) people.push(generatedPerson(i, idOf));

  const platformTeam = [IDS.johanna, IDS.wangFang, IDS.olga, IDS.ahmed, IDS.priya, IDS.lucas, IDS.siobhan, IDS.bjorn, IDS.maria, IDS.oskar];
  const groups: GroupSpec[] = [
    {
      id: GROUP_IDS.platform, displayName: "Platform Engineering", mailNickname: "platform",
      description: "Build, release and runtime platform. Includes the on-call rota.", team: true,
      memberIds: [...platformTeam, GROUP_IDS.onCall],
    },
    {
      // Overlaps with Platform Engineering on purpose: transitive listings must not duplicate people.
      id: GROUP_IDS.onCall, displayName: "Platform On-call", mailNickname: "platform-oncall",
      description: "Who gets paged.", team: false,
      memberIds: [IDS.ahmed, IDS.lucas, IDS.kwame, IDS.arjun, IDS.oskar],
    },
    {
      id: GROUP_IDS.mobile, displayName: "Mobile Engineering", mailNickname: "mobile",
      description: "iOS and Android apps.", team: true,
      memberIds: [IDS.hiroshi, IDS.chloe, IDS.mateusz, IDS.lan, IDS.jiwon],
    },
    {
      id: GROUP_IDS.product, displayName: "Product & Design", mailNickname: "product-design",
      description: "Product management and design.", team: true,
      memberIds: [IDS.sofia, IDS.emily, IDS.tomas],
    },
    {
      id: GROUP_IDS.allCompany, displayName: "All company", mailNickname: "allcompany",
      description: "Everyone at Contoso.", team: true,
      memberIds: [...people.map((p) => p.id), GROUP_IDS.platform, GROUP_IDS.mobile],
    },
  ];
  return { people, groups };
}

export const HAND_WRITTEN_COUNT = HAND.length;
