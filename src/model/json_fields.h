// One list of fields per struct drives both writing and reading its JSON, so
// the two cannot drift apart:
//
//   template <typename S, typename V> void Fields(S& s, V&& v) {
//     v("how", s.how, kRequired);
//     v("lease_s", s.lease_s);
//   }
//
// FieldWriter and FieldReader below are the two visitors. A field type is
// one of: std::string, bool, int, long long, double, std::optional<...>,
// std::vector<...>, std::map<std::string, ...>,
// std::vector<std::pair<std::string, std::string>> (ordered key/value pairs,
// written as [[k, v], ...]), ByteString, or a struct that has its own Fields.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "model/json_reader.h"
#include "model/wifi.h"

namespace netfix::model {

enum FieldNeed { kOptionalField, kRequired };

/// A string when the bytes are valid UTF-8, else {"hex": ..., "text": ...}.
nlohmann::json ByteStringToJson(const ByteString& value);
bool ByteStringFromJson(const nlohmann::json& j, ByteString* out, std::string* problem);

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
template <typename T>
struct IsStringMap : std::false_type {};
template <typename T>
struct IsStringMap<std::map<std::string, T>> : std::true_type {};
template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

using StringPairs = std::vector<std::pair<std::string, std::string>>;
using StringMap = std::map<std::string, std::string>;

class FieldWriter {
 public:
  explicit FieldWriter(nlohmann::json* out) : out_(out) {}

  template <typename T>
  void operator()(const char* key, const T& value, FieldNeed = kOptionalField) {
    if constexpr (IsOptional<T>::value) {
      if (value) (*out_)[key] = Value(*value);
    } else {
      (*out_)[key] = Value(value);
    }
  }

  template <typename T>
  static nlohmann::json Value(const T& value) {
    if constexpr (std::is_same_v<T, std::string> || std::is_arithmetic_v<T>) {
      return value;
    } else if constexpr (std::is_same_v<T, ByteString>) {
      return ByteStringToJson(value);
    } else if constexpr (IsStringMap<T>::value) {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& [k, v] : value) object[k] = Value(v);
      return object;
    } else if constexpr (std::is_same_v<T, StringPairs>) {
      nlohmann::json pairs = nlohmann::json::array();
      for (const auto& [k, v] : value) pairs.push_back({k, v});
      return pairs;
    } else if constexpr (IsVector<T>::value) {
      nlohmann::json array = nlohmann::json::array();
      for (const auto& item : value) array.push_back(Value(item));
      return array;
    } else {
      nlohmann::json object = nlohmann::json::object();
      Fields(value, FieldWriter(&object));
      return object;
    }
  }

 private:
  nlohmann::json* out_;
};

class FieldReader {
 public:
  explicit FieldReader(JsonReader* reader) : r_(reader) {}

  template <typename T>
  void operator()(const char* key, T& value, FieldNeed need = kOptionalField) {
    if (!r_->ok()) return;
    if (!r_->Has(key)) {
      if (need == kRequired) r_->Fail(r_->path() + "/" + key, "missing");
      return;
    }
    if constexpr (IsOptional<T>::value) {
      typename T::value_type inner{};
      Read(r_->value().at(key), r_->path() + "/" + key, inner);
      if (r_->ok()) value = std::move(inner);
    } else {
      Read(r_->value().at(key), r_->path() + "/" + key, value);
    }
  }

 private:
  template <typename T>
  void Read(const nlohmann::json& j, const std::string& path, T& out) {
    if constexpr (std::is_same_v<T, std::string>) {
      if (!j.is_string()) return r_->Fail(path, "expected a string");
      out = j.get<std::string>();
    } else if constexpr (std::is_same_v<T, ByteString>) {
      std::string problem;
      if (!ByteStringFromJson(j, &out, &problem)) return r_->Fail(path, problem);
    } else if constexpr (std::is_same_v<T, bool>) {
      if (!j.is_boolean()) return r_->Fail(path, "expected true or false");
      out = j.get<bool>();
    } else if constexpr (std::is_arithmetic_v<T>) {
      if (auto n = r_->AsNumber<T>(j, path)) out = *n;
    } else if constexpr (IsStringMap<T>::value) {
      if (!j.is_object()) return r_->Fail(path, "expected an object");
      for (const auto& [k, v] : j.items()) {
        typename T::mapped_type item{};
        Read(v, path + "/" + k, item);
        if (!r_->ok()) return;
        out[k] = std::move(item);
      }
    } else if constexpr (std::is_same_v<T, StringPairs>) {
      if (!j.is_array()) return r_->Fail(path, "expected an array of [key, value] pairs");
      for (size_t i = 0; i < j.size(); ++i) {
        const auto& pair = j[i];
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
          return r_->Fail(path + "/" + std::to_string(i), "expected [key, value] strings");
        out.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
      }
    } else if constexpr (IsVector<T>::value) {
      if (!j.is_array()) return r_->Fail(path, "expected an array");
      for (size_t i = 0; i < j.size() && r_->ok(); ++i) {
        typename T::value_type item{};
        Read(j[i], path + "/" + std::to_string(i), item);
        out.push_back(std::move(item));
      }
    } else {
      JsonReader child(j, path, r_->error());
      if (!child.IsObject()) return;
      Fields(out, FieldReader(&child));
    }
  }

  JsonReader* r_;
};

/// Writes a struct that has Fields.
template <typename T>
nlohmann::json ToJsonFields(const T& value) {
  return FieldWriter::Value(value);
}

}  // namespace netfix::model
