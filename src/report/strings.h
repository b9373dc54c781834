// The fixed texts of a report (headings, labels, verdict sentences), in every
// language, from one table in strings.cc where English and German sit side by
// side. The check texts are not here: they come from checks/<id>/check.md.
#pragma once

#include <map>
#include <string>

#include "inventory/inventory.h"
#include "model/finding.h"
#include "model/lang.h"
#include "model/snapshot.h"

namespace netfix::report {

/// One key per fixed text. The table in strings.cc must have exactly one row
/// per key, in this order: a missing row fails to compile.
enum class Str {
  // Document
  kReportTitle,
  kCreatedBy,
  // Sections
  kVerdict,
  kWhatToFix,
  kFollowOn,
  kFollowOnIntro,
  kYourNetwork,
  kDevices,
  kChecks,
  kProbeLog,
  kNotes,
  // Parts of a finding
  kWhyItMatters,
  kEvidence,
  kForCustomer,
  kForTechnician,
  kAffects,
  kCheck,
  // Verdict
  kVerdictOk,
  kVerdictOkSoFar,
  kVerdictNothingChecked,
  kVerdictPlusNotes,
  kProblemsOne,
  kProblemsMany,
  kErrorsOne,
  kErrorsMany,
  kWarningsOne,
  kWarningsMany,
  kNotesOne,
  kNotesMany,
  kFixFirst,
  kInterrupted,
  kNotChecked,
  // Severity labels
  kSeverityError,
  kSeverityWarning,
  kSeverityInfo,
  // Probe status
  kStatusOk,
  kStatusSkipped,
  kStatusFailed,
  // Check outcomes
  kOutcomePassed,
  kOutcomeFired,
  kOutcomeSkipped,
  kOutcomeSuppressed,
  // Why a check did not run
  kReasonProbeMissing,
  kReasonProbeSkipped,
  kReasonProbeFailed,
  kReasonFollowOn,
  kReasonNoWifiData,
  kReasonNoSpeedTest,
  kReasonNoLoadedRoundTrips,
  kReasonNoThroughput,
  kReasonNoIgmpTest,
  kReasonNoReceivers,
  kReasonNoReceiverMeasurements,
  kChecksCount,
  // Table headers
  kColIpAddress,
  kColMacAddress,
  kColVendor,
  kColSeenVia,
  kColDeviceNotes,
  kColMeasurement,
  kColStatus,
  kColDuration,
  kColDetails,
  kColCheck,
  kColResult,
  kColReason,
  // Devices
  kDeviceSelf,
  kDeviceGateway,
  kDeviceRandomMac,
  kVendorUnknown,
  kNoDevices,
  // Probe log
  kHint,
  // Network summary
  kNetThisComputer,
  kNetConnection,
  kNetAddresses,
  kNetGateway,
  kNetDnsServers,
  kNetScan,
  kNetNotFound,
  kNetNoLink,
  kNetLocalStub,
  kKindEthernet,
  kKindWifi,
  kWithAdminRights,
  kWithoutAdminRights,
  // The catalog: `netfix checks` and `netfix explain`
  kCatalogColSeverity,
  kCatalogColArea,
  kCatalogColTitle,
  kCatalogMore,
  kExplainSeverity,
  kExplainArea,
  kExplainNeeds,
  kExplainGivesWay,
  kExplainParameter,
  kExplainLooksFor,
  kExplainVariant,
  // Device roles (inventory::Role) and the device list
  kRoleRouter,
  kRoleRepeater,
  kRoleReceiver,
  kRoleMediaServer,
  kRolePrinter,
  kRoleComputer,
  kRoleUnknown,
  kColDevice,
  kColRole,
  kColSource,
  kDevicesFound,
  kOnYourDevice,
  kAdminPage,

  // Wi-Fi
  kWifi,
  kWifiYourNetwork,
  kWifiOwnNamed,
  kWifiOwnDevice,
  kWifiOwnConnected,
  kWifiOwnStrongest,
  kWifiAccessPoints,
  kWifiApUnknown,
  kWifiRooms,
  kWifiChannels,
  kWifiHere,
  kWifiThresholds,
  kWifiYours,
  kWifiSamples,
  kColRoom,
  kColGoodFor,
  kColChannel,
  kColNetworks,
  kLevelVideo,
  kLevelBrowsing,
  kLevelWeak,
  kLevelUnusable,
  kLevelNone,
  kSurveySaved,
  kSurveySample,
  kSurveyNext,
  kSurveyEmpty,
  // Report areas and impact
  kExpectedEffect,
  kAreaInternet,
  kAreaNetwork,
  kAreaWifi,
  kAreaDevices,
  kAreaTv,
  kLightRed,
  kLightYellow,
  kLightGreen,
  kLightGrey,
  kDeviceGroupRouter,
  kDeviceGroupRepeaters,
  kDeviceGroupReceivers,
  kDeviceGroupOthers,
  kMeasurements,
  kMeasGateway,
  kMeasRtt,
  kMeasNoReply,
  kMeasDns,
  kMeasDnsReference,
  kMeasDnsTimes,
  kMeasDnsNoAnswer,
  kMeasScanDuration,
  // Link quality
  kLink,
  kLinkRoundTrips,
  kLinkSpeed,
  kLinkReceivers,
  kLinkContract,
  kColTarget,
  kColWhere,
  kColMethod,
  kColMedian,
  kColJitter,
  kColLoss,
  kColLeg,
  kColDownload,
  kColUpload,
  kColIdle,
  kColLoaded,
  kColRpm,
  kColGrade,
  kLinkRoleGateway,
  kLinkRoleResolver,
  kLinkRoleReceiver,
  kLinkRoleInternet,
  kLinkRolePeer,
  kLegInternet,
  kLegHome,
  kLinkNoReply,
  kLinkFailed,
  kLinkGradeNote,
  kLinkReceiverLine,
  kLinkReceiverPath,
  kLinkAssumed,
  kLinkNotMeasured,
  kLinkNotUsed,
  kLinkEnough,
  kLinkTooSlowInternet,
  kLinkTooSlowHome,
  kAppendix,
  // Before and after: netfix diff
  kDiffTitle,
  kDiffBefore,
  kDiffAfter,
  kDiffVerdictWorse,
  kDiffVerdictBetter,
  kDiffVerdictSame,
  kDiffNothingChanged,
  kDiffFixedOne,
  kDiffFixedMany,
  kDiffNewOne,
  kDiffNewMany,
  kDiffLeftOne,
  kDiffLeftMany,
  kDiffBetterOne,
  kDiffBetterMany,
  kDiffWorseOne,
  kDiffWorseMany,
  kDiffResolved,
  kDiffNew,
  kDiffRemaining,
  kDiffFirstChecked,
  kDiffNotRechecked,
  kDiffNoProblems,
  kDiffChanges,
  kDiffNoChanges,
  kDiffThresholds,
  kDiffColChange,
  kDiffBetter,
  kDiffWorse,
  kDiffChanged,
  kDiffWifiSignal,
  kDiffWifiLevel,
  kDiffRouterRtt,
  kDiffRouterLoss,
  kDiffDnsTime,
  kDiffDevice,
  kDiffProbe,
  kDiffNotMeasured,
  kDiffNoAnswer,
  kDiffNotReceived,
  kDiffNotSeen,
  kDiffSeen,
  // Privacy: --redact and netfix redact
  kRedactedNote,
  // Sending to support: netfix send
  // Command line and packaging
  kManCatalogTitle,
  kManCatalogName,
  kManSynopsis,
  kManDescription,
  kManCatalogIntro,
  kManChecks,
  kManParameters,
  kManEffect,
  kManSeeAlso,

  kCount  ///< not a text: the number of keys
};

inline constexpr int kStrCount = static_cast<int>(Str::kCount);

/// The text of `key` in `lang`; never empty (checked at compile time).
const char* Text(Str key, model::Lang lang);

/// The text with its {name} placeholders filled from `params`.
std::string Text(Str key, model::Lang lang, const std::map<std::string, std::string>& params);

/// "1 error" / "2 errors", "1 Warnung" / "2 Warnungen": `one` and `many` are
/// the singular and plural keys; `many` has an {n} placeholder.
std::string CountText(int n, Str one, Str many, model::Lang lang);

/// The label of a device role ("router" / "Router").
const char* RoleLabel(inventory::Role role, model::Lang lang);

/// The label of a severity ("Error" / "Fehler").
const char* SeverityLabel(model::Severity severity, model::Lang lang);
/// "1 error", "3 Warnungen", "2 notes".
std::string SeverityCount(model::Severity severity, int n, model::Lang lang);
const char* StatusLabel(model::ProbeStatus status, model::Lang lang);
const char* OutcomeLabel(model::CheckOutcome outcome, model::Lang lang);

/// A number with `decimals` decimals and the language's decimal mark
/// ("12.3" / "12,3").
std::string FormatDecimal(double value, int decimals, model::Lang lang);
/// "850 ms", "12.3 s" / "12,3 s".
std::string FormatDuration(double ms, model::Lang lang);
/// An RFC 3339 UTC time as a reader expects it: "2025-11-24 19:30 UTC" /
/// "24.11.2025, 19:30 UTC". Text that is not RFC 3339 comes back unchanged.
std::string FormatTimestamp(const std::string& rfc3339, model::Lang lang);

}  // namespace netfix::report
