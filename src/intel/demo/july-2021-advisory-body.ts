/** The Markdown body of the demo's joint advisory (public facts of March-July 2021 only). */
export const JULY_2021_ADVISORY_BODY = `## Summary

The co-signing governments assess that cyber actors affiliated with the People's Republic of
China's Ministry of State Security (MSS) conducted the mass exploitation of on-premises
Microsoft Exchange servers disclosed on 2 March 2021 (the group Microsoft named **HAFNIUM**),
as their statements of 19 July 2021 set out.

## What happened

- From January 2021, the actors chained four vulnerabilities in Exchange Server
  (CVE-2021-26855, CVE-2021-26857, CVE-2021-26858 and CVE-2021-27065, "ProxyLogon") to run
  code on exposed servers without authentication.
- They installed web shells for persistent access, then read mailboxes and moved into networks.
- Tens of thousands of servers worldwide were compromised before and after the patches of
  2 March 2021.

## What to do

1. Apply Microsoft's security updates of March 2021 to every Exchange server; a server that
   was exposed unpatched after 26 February 2021 should be treated as compromised.
2. Hunt for web shells in the Exchange virtual directories and for the indicators below.
3. Report compromises to your national CERT.

The indicators below are **examples on documentation address ranges** (RFC 5737,
example.com): this is demonstration data, not a list to block.

## References

- [UK and allies hold Chinese state responsible for a pervasive pattern of hacking](https://www.gov.uk/government/news/uk-and-allies-hold-chinese-state-responsible-for-a-pervasive-pattern-of-hacking)
- [Microsoft: HAFNIUM targeting Exchange Servers with 0-day exploits](https://www.microsoft.com/en-us/security/blog/2021/03/02/hafnium-targeting-exchange-servers/)
`;
