// JSON form of the snapshot ("netfix.snapshot/1").
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "model/snapshot.h"

namespace netfix::model {

nlohmann::json SnapshotToJson(const Snapshot& snapshot);

/// Reads a snapshot. Fields this version does not know are ignored, so that a
/// newer netfix.snapshot/1 writer stays readable; a different schema, a
/// missing required field or a wrong type fails with the JSON pointer of the
/// first problem in `error`.
bool SnapshotFromJson(const nlohmann::json& json, Snapshot* snapshot, std::string* error);

/// Parses text and then reads it; `error` says what is wrong and where.
bool ParseSnapshot(const std::string& text, Snapshot* snapshot, std::string* error);

/// Serialises any JSON the way netfix writes files: two-space indent, and
/// invalid UTF-8 from devices replaced instead of throwing.
std::string DumpJson(const nlohmann::json& json);

}  // namespace netfix::model
