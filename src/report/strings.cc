#include "report/strings.h"

#include <cstdio>
#include <iterator>

#include "check/catalog.h"

namespace netfix::report {

using model::Lang;

namespace {

struct Row {
  Str key;
  const char* en;
  const char* de;
};

// THE table: one row per Str, in enum order. German uses the words German
// users see on their router and in Windows: Router, WLAN, DNS-Server,
// IP-Adresse, Standard-Gateway, MAC-Adresse, Hersteller.
constexpr Row kRows[] = {
    {Str::kReportTitle, "Network check", "Netzwerkprüfung"},
    {Str::kCreatedBy, "Created by netfix {version}", "Erstellt mit netfix {version}"},

    {Str::kVerdict, "Verdict", "Ergebnis"},
    {Str::kWhatToFix, "What to fix", "Was zu tun ist"},
    {Str::kFollowOn, "Follow-on problems", "Folgeprobleme"},
    {Str::kFollowOnIntro,
     "These are consequences of the problems above and should go away once those are fixed.",
     "Diese Probleme folgen aus den oben genannten und verschwinden voraussichtlich, sobald "
     "diese behoben sind."},
    {Str::kYourNetwork, "Your network", "Ihr Netzwerk"},
    {Str::kDevices, "Devices on the network", "Geräte im Netzwerk"},
    {Str::kChecks, "Checks", "Prüfungen"},
    {Str::kProbeLog, "Probe log", "Protokoll der Messungen"},
    {Str::kNotes, "Notes", "Anmerkungen"},

    {Str::kWhyItMatters, "Why it matters", "Warum das wichtig ist"},
    {Str::kEvidence, "Evidence", "Belege"},
    {Str::kForCustomer, "What you can do", "Was Sie tun können"},
    {Str::kForTechnician, "For the technician", "Für Techniker"},
    {Str::kAffects, "Affects", "Betrifft"},
    {Str::kCheck, "Check", "Prüfung"},

    {Str::kVerdictOk, "No problems found.", "Keine Probleme gefunden."},
    {Str::kVerdictOkSoFar, "No problems found so far.", "Bisher keine Probleme gefunden."},
    {Str::kVerdictNothingChecked, "Nothing could be checked.", "Es konnte nichts geprüft werden."},
    {Str::kVerdictPlusNotes, "(plus {notes})", "(dazu {notes})"},
    {Str::kProblemsOne, "1 problem found", "1 Problem gefunden"},
    {Str::kProblemsMany, "{n} problems found", "{n} Probleme gefunden"},
    {Str::kErrorsOne, "1 error", "1 Fehler"},
    {Str::kErrorsMany, "{n} errors", "{n} Fehler"},
    {Str::kWarningsOne, "1 warning", "1 Warnung"},
    {Str::kWarningsMany, "{n} warnings", "{n} Warnungen"},
    {Str::kNotesOne, "1 note", "1 Hinweis"},
    {Str::kNotesMany, "{n} notes", "{n} Hinweise"},
    {Str::kFixFirst, "Fix this first:", "Zuerst beheben:"},
    {Str::kInterrupted, "Scan interrupted: results are incomplete.",
     "Prüfung abgebrochen: Die Ergebnisse sind unvollständig."},
    {Str::kNotChecked, "Could not be checked:", "Konnte nicht geprüft werden:"},

    {Str::kSeverityError, "Error", "Fehler"},
    {Str::kSeverityWarning, "Warning", "Warnung"},
    {Str::kSeverityInfo, "Note", "Hinweis"},

    {Str::kStatusOk, "ok", "ok"},
    {Str::kStatusSkipped, "skipped", "übersprungen"},
    {Str::kStatusFailed, "failed", "fehlgeschlagen"},

    {Str::kOutcomePassed, "ok", "in Ordnung"},
    {Str::kOutcomeFired, "problem found", "Problem gefunden"},
    {Str::kOutcomeSkipped, "not run", "nicht geprüft"},
    {Str::kOutcomeSuppressed, "follow-on problem", "Folgeproblem"},

    {Str::kReasonProbeMissing, "The {probe} measurement did not run.",
     "Die Messung „{probe}“ wurde nicht ausgeführt."},
    {Str::kReasonProbeSkipped, "The {probe} measurement was skipped: {reason}",
     "Die Messung „{probe}“ wurde übersprungen: {reason}"},
    {Str::kReasonProbeFailed, "The {probe} measurement failed: {reason}",
     "Die Messung „{probe}“ ist fehlgeschlagen: {reason}"},
    {Str::kReasonFollowOn, "Caused by: {title}", "Folge von: {title}"},
    {Str::kReasonNoWifiData,
     "there is no Wi-Fi scan: run `netfix survey` room by room, or `netfix check` on a computer "
     "with Wi-Fi",
     "es liegt keine WLAN-Messung vor: Messen Sie mit `netfix survey` Raum für Raum, oder starten "
     "Sie `netfix check` auf einem Computer mit WLAN"},
    {Str::kReasonNoSpeedTest,
     "neither the internet leg (--speed-url) nor the home leg (--peer) was measured",
     "weder die Internetstrecke (--speed-url) noch das Heimnetz (--peer) wurde gemessen"},
    {Str::kReasonNoLoadedRoundTrips,
     "the speed tests measured too few round trips while idle and under load to grade them",
     "die Geschwindigkeitstests haben zu wenige Antwortzeiten ohne und unter Last gemessen, um "
     "sie zu bewerten"},
    {Str::kReasonNoThroughput, "the speed test moved no data",
     "der Geschwindigkeitstest hat keine Daten übertragen"},
    {Str::kReasonNoIgmpTest,
     "the IGMP querier test did not join and leave a group, so it could not listen for an answer",
     "der IGMP-Querier-Test ist keiner Gruppe bei- und wieder ausgetreten und konnte daher auf "
     "keine Antwort warten"},
    {Str::kReasonNoReceivers, "no TV or receiver was found on the network",
     "im Netz wurde kein Fernseher und kein Receiver gefunden"},
    {Str::kReasonNoReceiverMeasurements,
     "neither the throughput to a receiver's path nor the round trips to a receiver were measured",
     "weder die Datenrate auf dem Weg zu einem Receiver noch seine Antwortzeiten wurden gemessen"},
    {Str::kChecksCount, "{n} checks", "{n} Prüfungen"},

    {Str::kColIpAddress, "IP address", "IP-Adresse"},
    {Str::kColMacAddress, "MAC address", "MAC-Adresse"},
    {Str::kColVendor, "Manufacturer", "Hersteller"},
    {Str::kColSeenVia, "Seen via", "Erkannt über"},
    {Str::kColDeviceNotes, "Notes", "Merkmale"},
    {Str::kColMeasurement, "Measurement", "Messung"},
    {Str::kColStatus, "Status", "Status"},
    {Str::kColDuration, "Time", "Dauer"},
    {Str::kColDetails, "Details", "Details"},
    {Str::kColCheck, "Check", "Prüfung"},
    {Str::kColResult, "Result", "Ergebnis"},
    {Str::kColReason, "Reason", "Grund"},

    {Str::kDeviceSelf, "this computer", "dieser Computer"},
    {Str::kDeviceGateway, "router (gateway)", "Router (Gateway)"},
    {Str::kDeviceRandomMac, "random MAC address", "zufällige MAC-Adresse"},
    {Str::kVendorUnknown, "unknown", "unbekannt"},
    {Str::kNoDevices, "No devices were found.", "Es wurden keine Geräte gefunden."},

    {Str::kHint, "Hint:", "Tipp:"},

    {Str::kNetThisComputer, "This computer", "Dieser Computer"},
    {Str::kNetConnection, "Connected via", "Verbunden über"},
    {Str::kNetAddresses, "IP address", "IP-Adresse"},
    {Str::kNetGateway, "Router (default gateway)", "Router (Standard-Gateway)"},
    {Str::kNetDnsServers, "DNS servers", "DNS-Server"},
    {Str::kNetScan, "Scan", "Prüflauf"},
    {Str::kNetNotFound, "not found", "nicht gefunden"},
    {Str::kNetNoLink, "no link", "keine Verbindung"},
    {Str::kNetLocalStub, "local forwarder", "lokale Weiterleitung"},
    {Str::kKindEthernet, "Ethernet cable", "LAN-Kabel"},
    {Str::kKindWifi, "Wi-Fi", "WLAN"},
    {Str::kWithAdminRights, "with administrator rights", "mit Administratorrechten"},
    {Str::kWithoutAdminRights, "without administrator rights: some measurements are limited",
     "ohne Administratorrechte: einige Messungen sind eingeschränkt"},

    {Str::kCatalogColSeverity, "Severity", "Stufe"},
    {Str::kCatalogColArea, "Area", "Bereich"},
    {Str::kCatalogColTitle, "Title", "Titel"},
    {Str::kCatalogMore, "Everything about one check: netfix explain ID",
     "Alles zu einer Prüfung: netfix explain ID"},
    {Str::kExplainSeverity, "Severity", "Stufe"},
    {Str::kExplainArea, "Area", "Bereich"},
    {Str::kExplainNeeds, "Needs the measurements", "Braucht die Messungen"},
    {Str::kExplainGivesWay, "Gives way to", "Tritt zurück hinter"},
    {Str::kExplainParameter, "Parameter", "Parameter"},
    {Str::kExplainLooksFor, "What netfix reports", "Was netfix meldet"},
    {Str::kExplainVariant, "Variant {name}", "Variante {name}"},

    {Str::kRoleRouter, "router", "Router"},
    {Str::kRoleRepeater, "repeater / access point", "Repeater / Access Point"},
    {Str::kRoleReceiver, "TV / receiver", "Fernseher / Receiver"},
    {Str::kRoleMediaServer, "media server / NAS", "Medienserver / NAS"},
    {Str::kRolePrinter, "printer", "Drucker"},
    {Str::kRoleComputer, "computer / phone", "Computer / Handy"},
    {Str::kRoleUnknown, "unknown", "unbekannt"},
    {Str::kColDevice, "Device", "Gerät"},
    {Str::kColRole, "Kind", "Art"},
    {Str::kColSource, "Seen by", "Gesehen von"},
    {Str::kDevicesFound, "{n} devices", "{n} Geräte"},
    {Str::kOnYourDevice, "On your {device}", "An Ihrem Gerät {device}"},
    {Str::kAdminPage, "Settings page", "Einstellungsseite"},

    {Str::kWifi, "Wi-Fi", "WLAN"},
    {Str::kWifiYourNetwork, "Your Wi-Fi", "Ihr WLAN"},
    {Str::kWifiOwnNamed, "as you named it (--ssid)", "wie von Ihnen angegeben (--ssid)"},
    {Str::kWifiOwnDevice, "sent by your router or repeater",
     "von Ihrem Router oder Repeater gesendet"},
    {Str::kWifiOwnConnected, "the network this computer is connected to",
     "das Netz, mit dem dieser Computer verbunden ist"},
    {Str::kWifiOwnStrongest,
     "assumed: the strongest network (name yours with: netfix survey --ssid NAME)",
     "angenommen: das stärkste Netz (nennen Sie Ihres mit: netfix survey --ssid NAME)"},
    {Str::kWifiAccessPoints, "Access points", "Access Points"},
    {Str::kWifiApUnknown, "access point", "Access Point"},
    {Str::kWifiRooms, "Signal per room", "Signalstärke pro Raum"},
    {Str::kWifiChannels, "Networks per channel", "Netze pro Funkkanal"},
    {Str::kWifiHere, "Where this computer is", "Standort dieses Computers"},
    {Str::kWifiThresholds,
     "Good for video calls and streaming from {video}, for browsing from {browsing}; below "
     "{unusable} unusable.",
     "Gut für Videotelefonie und Streaming ab {video}, zum Surfen ab {browsing}; unter "
     "{unusable} unbrauchbar."},
    {Str::kWifiYours, "yours", "Ihres"},
    {Str::kWifiSamples, "{n} samples", "{n} Messungen"},
    {Str::kColRoom, "Room", "Raum"},
    {Str::kColGoodFor, "Good for", "Reicht für"},
    {Str::kColChannel, "Channel", "Kanal"},
    {Str::kColNetworks, "Networks (signal)", "Netze (Signal)"},
    {Str::kLevelVideo, "video calls and streaming", "Videotelefonie und Streaming"},
    {Str::kLevelBrowsing, "browsing, not video", "Surfen, nicht Video"},
    {Str::kLevelWeak, "weak: slow, drop-outs", "schwach: langsam, Aussetzer"},
    {Str::kLevelUnusable, "unusable", "unbrauchbar"},
    {Str::kLevelNone, "your Wi-Fi is not received", "Ihr WLAN ist nicht zu empfangen"},
    {Str::kSurveySaved, "Saved to {file} (rooms: {rooms}, samples: {samples}).",
     "Gespeichert in {file} (Räume: {rooms}, Messungen: {samples})."},
    {Str::kSurveySample, "{room}: sample {n}, {networks} networks seen.",
     "{room}: Messung {n}, {networks} Netze gesehen."},
    {Str::kSurveyNext,
     "next room: netfix survey --room NAME {file}; then: netfix check --survey {file}",
     "nächster Raum: netfix survey --room NAME {file}; danach: netfix check --survey {file}"},
    {Str::kSurveyEmpty, "The survey has no rooms yet.", "Die Messreihe enthält noch keine Räume."},
    // Report areas and impact
    {Str::kExpectedEffect, "Expected effect", "Was sich danach bessert"},
    {Str::kAreaInternet, "Internet", "Internet"},
    {Str::kAreaNetwork, "Home network", "Heimnetz"},
    {Str::kAreaWifi, "Wi-Fi", "WLAN"},
    {Str::kAreaDevices, "Devices", "Geräte"},
    {Str::kAreaTv, "TV & streaming", "TV & Streaming"},
    {Str::kLightRed, "problem", "gestört"},
    {Str::kLightYellow, "could be better", "verbesserungswürdig"},
    {Str::kLightGreen, "ok", "in Ordnung"},
    {Str::kLightGrey, "not checked", "nicht geprüft"},
    {Str::kDeviceGroupRouter, "Router", "Router"},
    {Str::kDeviceGroupRepeaters, "Repeaters and access points", "Repeater und Access Points"},
    {Str::kDeviceGroupReceivers, "TVs and receivers", "Fernseher und Receiver"},
    {Str::kDeviceGroupOthers, "Other devices", "Weitere Geräte"},
    {Str::kMeasurements, "Measurements", "Messwerte"},
    {Str::kMeasGateway, "Ping to {target}", "Ping an {target}"},
    {Str::kMeasRtt, "{min} / {median} / {max} ms (min / median / max), {loss} % lost of {sent}",
     "{min} / {median} / {max} ms (min. / Median / max.), {loss} % von {sent} verloren"},
    {Str::kMeasNoReply, "no reply to {sent} packets", "keine Antwort auf {sent} Pakete"},
    {Str::kMeasDns, "DNS server {resolver}", "DNS-Server {resolver}"},
    {Str::kMeasDnsReference, "DNS server {resolver} (comparison)",
     "DNS-Server {resolver} (Vergleich)"},
    {Str::kMeasDnsTimes,
     "median {median} ms (min {min}, max {max} ms), {answered} of {queries} answered",
     "Median {median} ms (min. {min}, max. {max} ms), {answered} von {queries} beantwortet"},
    {Str::kMeasDnsNoAnswer, "none of {queries} queries answered",
     "keine von {queries} Anfragen beantwortet"},
    {Str::kMeasScanDuration, "Duration of the scan", "Dauer der Prüfung"},
    // Link quality
    {Str::kLink, "Link quality", "Verbindungsqualität"},
    {Str::kLinkRoundTrips, "Round trips", "Antwortzeiten"},
    {Str::kLinkSpeed, "Throughput and responsiveness under load",
     "Datenrate und Reaktionsfähigkeit unter Last"},
    {Str::kLinkReceivers, "What the TVs and receivers need", "Was Fernseher und Receiver brauchen"},
    {Str::kLinkContract, "Internet contract (--contract)", "Internetvertrag (--contract)"},
    {Str::kColTarget, "Target", "Ziel"},
    {Str::kColWhere, "Role", "Rolle"},
    {Str::kColMethod, "Method", "Verfahren"},
    {Str::kColMedian, "Median", "Median"},
    {Str::kColJitter, "Jitter", "Jitter"},
    {Str::kColLoss, "Loss", "Verlust"},
    {Str::kColLeg, "Leg", "Strecke"},
    {Str::kColDownload, "↓ Mbit/s", "↓ Mbit/s"},
    {Str::kColUpload, "↑ Mbit/s", "↑ Mbit/s"},
    {Str::kColIdle, "Idle", "Leerlauf"},
    {Str::kColLoaded, "Loaded ↓/↑", "Last ↓/↑"},
    {Str::kColRpm, "RPM", "RPM"},
    {Str::kColGrade, "Bufferbloat", "Bufferbloat"},
    {Str::kLinkRoleGateway, "router", "Router"},
    {Str::kLinkRoleResolver, "DNS server", "DNS-Server"},
    {Str::kLinkRoleReceiver, "receiver", "Receiver"},
    {Str::kLinkRoleInternet, "internet", "Internet"},
    {Str::kLinkRolePeer, "peer", "Gegenstelle"},
    {Str::kLegInternet, "Internet", "Internet"},
    {Str::kLegHome, "Home network", "Heimnetz"},
    {Str::kLinkNoReply, "no reply", "keine Antwort"},
    {Str::kLinkFailed, "failed: {error}", "fehlgeschlagen: {error}"},
    {Str::kLinkGradeNote,
     "Bufferbloat: the latency a full load adds in the worse direction, graded by the DSLReports "
     "bands (A+ < 5 ms, A < 30, B < 60, C < 200, D < 400, F ≥ 400; {source}); other tests grade "
     "more leniently (v.recipes: A+ < 15 … F > 500 ms). RPM: round trips per minute under load, "
     "60000 / loaded round trip in ms, simplified from draft-ietf-ippm-responsiveness (no "
     "handshakes counted, so higher than Apple's networkQuality).",
     "Bufferbloat: die zusätzliche Verzögerung unter voller Last in der schlechteren Richtung, "
     "bewertet nach der Einteilung von DSLReports (A+ < 5 ms, A < 30, B < 60, C < 200, D < 400, "
     "F ≥ 400; {source}); andere Tests bewerten milder (v.recipes: A+ < 15 … F > 500 ms). RPM: "
     "Antworten pro Minute unter Last, 60000 / Antwortzeit unter Last in ms, vereinfacht nach "
     "draft-ietf-ippm-responsiveness (ohne Verbindungsaufbau, daher höher als bei Apples "
     "networkQuality)."},
    {Str::kLinkReceiverLine,
     "needs {need} ({streams}); internet leg {internet}, home network {home}: {verdict}",
     "braucht {need} ({streams}); Internetstrecke {internet}, Heimnetz {home}: {verdict}"},
    {Str::kLinkReceiverPath, "round trips: median {median} ms, jitter {jitter} ms, {loss} % lost",
     "Antwortzeiten: Median {median} ms, Jitter {jitter} ms, {loss} % verloren"},
    {Str::kLinkAssumed, "assumed", "angenommen"},
    {Str::kLinkNotMeasured, "not measured", "nicht gemessen"},
    {Str::kLinkNotUsed, "not used (its streams come from the home)",
     "nicht genutzt (seine Streams kommen aus dem Haus)"},
    {Str::kLinkEnough, "enough", "reicht"},
    {Str::kLinkTooSlowInternet, "too slow, the internet leg limits",
     "zu langsam, die Internetstrecke begrenzt"},
    {Str::kLinkTooSlowHome, "too slow, the home network limits",
     "zu langsam, das Heimnetz begrenzt"},
    {Str::kAppendix, "Appendix", "Anhang"},
    // Before and after: netfix diff
    {Str::kDiffTitle, "Before and after", "Vorher und nachher"},
    {Str::kDiffBefore, "Before", "Vorher"},
    {Str::kDiffAfter, "After", "Nachher"},
    {Str::kDiffVerdictWorse, "Worse: {summary}.", "Schlechter: {summary}."},
    {Str::kDiffVerdictBetter, "Better: {summary}.", "Besser: {summary}."},
    {Str::kDiffVerdictSame, "Nothing got worse: {summary}.",
     "Nichts ist schlechter geworden: {summary}."},
    {Str::kDiffNothingChanged, "Nothing changed.", "Nichts hat sich verändert."},
    {Str::kDiffFixedOne, "1 problem fixed", "1 Problem behoben"},
    {Str::kDiffFixedMany, "{n} problems fixed", "{n} Probleme behoben"},
    {Str::kDiffNewOne, "1 new problem", "1 neues Problem"},
    {Str::kDiffNewMany, "{n} new problems", "{n} neue Probleme"},
    {Str::kDiffLeftOne, "1 problem still there", "1 Problem besteht weiter"},
    {Str::kDiffLeftMany, "{n} problems still there", "{n} Probleme bestehen weiter"},
    {Str::kDiffBetterOne, "1 measurement better", "1 Messwert besser"},
    {Str::kDiffBetterMany, "{n} measurements better", "{n} Messwerte besser"},
    {Str::kDiffWorseOne, "1 measurement worse", "1 Messwert schlechter"},
    {Str::kDiffWorseMany, "{n} measurements worse", "{n} Messwerte schlechter"},
    {Str::kDiffResolved, "Fixed", "Behoben"},
    {Str::kDiffNew, "New", "Neu"},
    {Str::kDiffRemaining, "Still there", "Besteht weiter"},
    {Str::kDiffFirstChecked, "Checked for the first time (not possible before)",
     "Erstmals geprüft (vorher nicht möglich)"},
    {Str::kDiffNotRechecked, "Could not be checked again", "Konnte nicht erneut geprüft werden"},
    {Str::kDiffNoProblems, "No problems, neither before nor after.",
     "Weder vorher noch nachher Probleme."},
    {Str::kDiffChanges, "Measurements that changed", "Veränderte Messwerte"},
    {Str::kDiffNoChanges, "No measurement changed by more than its usual variation.",
     "Kein Messwert hat sich stärker als üblich verändert."},
    {Str::kDiffThresholds,
     "A measurement counts as changed from {signal} of Wi-Fi signal, from {time} and {percent} in "
     "round trip and answer times, and from {loss} percentage points of packet loss.",
     "Als verändert gilt ein Messwert ab {signal} beim WLAN-Signal, ab {time} und {percent} bei "
     "Antwortzeiten und ab {loss} Prozentpunkten beim Paketverlust."},
    {Str::kDiffColChange, "Change", "Veränderung"},
    {Str::kDiffBetter, "better", "besser"},
    {Str::kDiffWorse, "worse", "schlechter"},
    {Str::kDiffChanged, "changed", "verändert"},
    {Str::kDiffWifiSignal, "{room}, {band}: Wi-Fi signal", "{room}, {band}: WLAN-Signal"},
    {Str::kDiffWifiLevel, "{room}: good for", "{room}: reicht für"},
    {Str::kDiffRouterRtt, "Router {ip}: round trip (median)", "Router {ip}: Antwortzeit (Median)"},
    {Str::kDiffRouterLoss, "Router {ip}: packet loss", "Router {ip}: Paketverlust"},
    {Str::kDiffDnsTime, "DNS server {ip}: answer time (median)",
     "DNS-Server {ip}: Antwortzeit (Median)"},
    {Str::kDiffDevice, "Device {device}", "Gerät {device}"},
    {Str::kDiffProbe, "Measurement {probe}", "Messung „{probe}“"},
    {Str::kDiffNotMeasured, "not measured", "nicht gemessen"},
    {Str::kDiffNoAnswer, "no answer", "keine Antwort"},
    {Str::kDiffNotReceived, "not received", "kein Empfang"},
    {Str::kDiffNotSeen, "not seen", "nicht gesehen"},
    {Str::kDiffSeen, "seen", "gesehen"},
    // Privacy: --redact and netfix redact
    {Str::kRedactedNote,
     "Redacted: addresses, network names, host names and serial numbers in this report are "
     "pseudonyms.",
     "Anonymisiert: Adressen, WLAN-Namen, Gerätenamen und Seriennummern in diesem Bericht sind "
     "Pseudonyme."},
    // Sending to support: netfix send
    // Command line and packaging
    {Str::kManCatalogTitle, "netfix check catalog", "netfix-Prüfkatalog"},
    {Str::kManCatalogName, "the checks netfix runs on a snapshot",
     "die Prüfungen, die netfix auf einem Schnappschuss ausführt"},
    {Str::kManSynopsis, "SYNOPSIS", "ÜBERSICHT"},
    {Str::kManDescription, "DESCRIPTION", "BESCHREIBUNG"},
    {Str::kManCatalogIntro,
     "netfix diagnoses a snapshot of the network with the checks below. Each check has a "
     "stable id (for netfix explain ID), a severity, an area of the report, the measurements it "
     "needs (without them it is skipped, and the report says why), tunable parameters with "
     "their defaults, and the texts a report shows when it finds something, for the customer "
     "and for the technician. Some checks have variants: texts for a particular case of the "
     "problem, used instead of the general text. This page is generated from the catalog "
     "compiled into netfix (netfix checks --format man).",
     "netfix untersucht einen Schnappschuss des Netzwerks mit den folgenden Prüfungen. Jede "
     "Prüfung hat eine feste Kennung (für netfix explain ID), eine Stufe, einen Bereich im "
     "Bericht, die Messungen, die sie braucht (fehlen sie, wird sie übersprungen und der Bericht "
     "sagt, warum), einstellbare Parameter mit ihren Vorgabewerten und die Texte, die ein "
     "Bericht zeigt, wenn sie etwas findet, für Kunden und für Techniker. Manche Prüfungen haben "
     "Varianten: Texte für einen bestimmten Fall des Problems, die statt des allgemeinen Textes "
     "erscheinen. Diese Seite wird aus dem in netfix eingebauten Katalog erzeugt (netfix checks "
     "--format man)."},
    {Str::kManChecks, "CHECKS", "PRÜFUNGEN"},
    {Str::kManParameters, "Parameters (default values)", "Parameter (Vorgabewerte)"},
    {Str::kManEffect, "What gets better", "Was besser wird"},
    {Str::kManSeeAlso, "SEE ALSO", "SIEHE AUCH"},
};

constexpr bool TableIsComplete() {
  if (std::size(kRows) != static_cast<size_t>(kStrCount)) return false;
  for (size_t i = 0; i < std::size(kRows); ++i) {
    if (static_cast<size_t>(kRows[i].key) != i) return false;
    if (kRows[i].en == nullptr || kRows[i].en[0] == '\0') return false;
    if (kRows[i].de == nullptr || kRows[i].de[0] == '\0') return false;
  }
  return true;
}

static_assert(TableIsComplete(),
              "report/strings.cc: every Str needs exactly one row, in enum order, with both texts");

}  // namespace

const char* RoleLabel(inventory::Role role, Lang lang) {
  switch (role) {
    case inventory::Role::kRouter: return Text(Str::kRoleRouter, lang);
    case inventory::Role::kRepeater: return Text(Str::kRoleRepeater, lang);
    case inventory::Role::kReceiver: return Text(Str::kRoleReceiver, lang);
    case inventory::Role::kMediaServer: return Text(Str::kRoleMediaServer, lang);
    case inventory::Role::kPrinter: return Text(Str::kRolePrinter, lang);
    case inventory::Role::kComputer: return Text(Str::kRoleComputer, lang);
    case inventory::Role::kUnknown: break;
  }
  return Text(Str::kRoleUnknown, lang);
}

const char* Text(Str key, Lang lang) {
  const Row& row = kRows[static_cast<int>(key)];
  return lang == Lang::kDe ? row.de : row.en;
}

std::string Text(Str key, Lang lang, const std::map<std::string, std::string>& params) {
  return check::FillPlaceholders(Text(key, lang), params);
}

std::string CountText(int n, Str one, Str many, Lang lang) {
  if (n == 1) return Text(one, lang);
  return Text(many, lang, {{"n", std::to_string(n)}});
}

const char* SeverityLabel(model::Severity severity, Lang lang) {
  switch (severity) {
    case model::Severity::kError: return Text(Str::kSeverityError, lang);
    case model::Severity::kWarning: return Text(Str::kSeverityWarning, lang);
    case model::Severity::kInfo: return Text(Str::kSeverityInfo, lang);
  }
  return Text(Str::kSeverityError, lang);
}

std::string SeverityCount(model::Severity severity, int n, Lang lang) {
  switch (severity) {
    case model::Severity::kError: return CountText(n, Str::kErrorsOne, Str::kErrorsMany, lang);
    case model::Severity::kWarning:
      return CountText(n, Str::kWarningsOne, Str::kWarningsMany, lang);
    case model::Severity::kInfo: return CountText(n, Str::kNotesOne, Str::kNotesMany, lang);
  }
  return std::to_string(n);
}

const char* StatusLabel(model::ProbeStatus status, Lang lang) {
  switch (status) {
    case model::ProbeStatus::kOk: return Text(Str::kStatusOk, lang);
    case model::ProbeStatus::kSkipped: return Text(Str::kStatusSkipped, lang);
    case model::ProbeStatus::kFailed: return Text(Str::kStatusFailed, lang);
  }
  return Text(Str::kStatusFailed, lang);
}

const char* OutcomeLabel(model::CheckOutcome outcome, Lang lang) {
  switch (outcome) {
    case model::CheckOutcome::kPassed: return Text(Str::kOutcomePassed, lang);
    case model::CheckOutcome::kFired: return Text(Str::kOutcomeFired, lang);
    case model::CheckOutcome::kSkipped: return Text(Str::kOutcomeSkipped, lang);
    case model::CheckOutcome::kSuppressed: return Text(Str::kOutcomeSuppressed, lang);
  }
  return Text(Str::kOutcomeSkipped, lang);
}

std::string FormatDecimal(double value, int decimals, Lang lang) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string text = buffer;
  if (lang == Lang::kDe) {
    for (char& c : text)
      if (c == '.') c = ',';
  }
  return text;
}

std::string FormatDuration(double ms, Lang lang) {
  if (ms < 0) ms = 0;
  if (ms < 1000) return FormatDecimal(ms, 0, lang) + " ms";
  return FormatDecimal(ms / 1000.0, 1, lang) + " s";
}

std::string FormatTimestamp(const std::string& rfc3339, Lang lang) {
  // 2025-11-24T19:30:05Z, 2025-11-24T19:30:05.123+00:00
  auto digits = [&](size_t from, size_t count) {
    if (from + count > rfc3339.size()) return false;
    for (size_t i = from; i < from + count; ++i)
      if (rfc3339[i] < '0' || rfc3339[i] > '9') return false;
    return true;
  };
  bool shape = digits(0, 4) && rfc3339.size() >= 16 && rfc3339[4] == '-' && digits(5, 2) &&
               rfc3339[7] == '-' && digits(8, 2) && (rfc3339[10] == 'T' || rfc3339[10] == ' ') &&
               digits(11, 2) && rfc3339[13] == ':' && digits(14, 2);
  if (!shape) return rfc3339;
  std::string year = rfc3339.substr(0, 4), month = rfc3339.substr(5, 2), day = rfc3339.substr(8, 2),
              time = rfc3339.substr(11, 5);
  size_t zone = rfc3339.find_first_of("Z+-", 16);
  std::string offset = zone == std::string::npos ? "" : rfc3339.substr(zone);
  // Without an offset the time zone is unknown: say nothing rather than "UTC".
  std::string suffix;
  if (offset == "Z" || offset == "+00:00")
    suffix = " UTC";
  else if (!offset.empty())
    suffix = " UTC" + offset;
  if (lang == Lang::kDe) return day + "." + month + "." + year + ", " + time + suffix;
  return year + "-" + month + "-" + day + " " + time + suffix;
}

}  // namespace netfix::report
