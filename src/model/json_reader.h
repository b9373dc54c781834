// A small, strict reader over parsed JSON that reports the first problem with
// its JSON pointer ("/devices/3/mac: expected a string"), so that a broken
// snapshot gives one clear message instead of an exception trace.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace netfix::model {

class JsonReader {
 public:
  JsonReader(const nlohmann::json& value, std::string path, std::string* error)
      : value_(value), path_(std::move(path)), error_(error) {}

  bool ok() const { return error_->empty(); }
  const std::string& path() const { return path_; }
  const nlohmann::json& value() const { return value_; }

  /// Records the first error only; later ones are usually consequences.
  void Fail(const std::string& where, const std::string& message) {
    if (error_->empty()) *error_ = (where.empty() ? "/" : where) + ": " + message;
  }

  bool IsObject() {
    if (!value_.is_object()) Fail(path_, "expected an object");
    return value_.is_object();
  }

  bool Has(const char* key) const {
    return value_.is_object() && value_.contains(key) && !value_.at(key).is_null();
  }

  void String(const char* key, std::string* out, bool required = false) {
    if (!Present(key, required)) return;
    const auto& v = value_.at(key);
    if (!v.is_string()) return Fail(Child(key), "expected a string");
    *out = v.get<std::string>();
  }

  void Bool(const char* key, bool* out, bool required = false) {
    if (!Present(key, required)) return;
    const auto& v = value_.at(key);
    if (!v.is_boolean()) return Fail(Child(key), "expected true or false");
    *out = v.get<bool>();
  }

  void OptionalBool(const char* key, std::optional<bool>* out) {
    if (!Has(key)) return;
    bool b = false;
    Bool(key, &b);
    *out = b;
  }

  template <typename Number>
  void Num(const char* key, Number* out, bool required = false) {
    if (!Present(key, required)) return;
    if (auto n = AsNumber<Number>(value_.at(key), Child(key))) *out = *n;
  }

  void Strings(const char* key, std::vector<std::string>* out) {
    if (!Present(key, false)) return;
    const auto& v = value_.at(key);
    if (!v.is_array()) return Fail(Child(key), "expected an array");
    for (size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string()) return Fail(Child(key) + "/" + std::to_string(i), "expected a string");
      out->push_back(v[i].get<std::string>());
    }
  }

  template <typename Number>
  void Numbers(const char* key, std::vector<Number>* out) {
    if (!Present(key, false)) return;
    const auto& v = value_.at(key);
    if (!v.is_array()) return Fail(Child(key), "expected an array");
    for (size_t i = 0; i < v.size(); ++i) {
      auto n = AsNumber<Number>(v[i], Child(key) + "/" + std::to_string(i));
      if (!n) return;
      out->push_back(*n);
    }
  }

  /// Calls `read(JsonReader&, T*)` for every element of the array `key`.
  template <typename T, typename ReadFn>
  void Array(const char* key, std::vector<T>* out, ReadFn read, bool required = false) {
    if (!Present(key, required)) return;
    const auto& v = value_.at(key);
    if (!v.is_array()) return Fail(Child(key), "expected an array");
    for (size_t i = 0; i < v.size() && ok(); ++i) {
      JsonReader element(v[i], Child(key) + "/" + std::to_string(i), error_);
      if (!element.IsObject()) return;
      T item;
      read(element, &item);
      out->push_back(std::move(item));
    }
  }

  /// Calls `read(JsonReader&)` for the object `key` when present.
  template <typename ReadFn>
  bool Object(const char* key, ReadFn read, bool required = false) {
    if (!Present(key, required)) return false;
    JsonReader child(value_.at(key), Child(key), error_);
    if (!child.IsObject()) return false;
    read(child);
    return ok();
  }

  std::string* error() { return error_; }

  /// `v` as a `Number`, or nullopt after recording why at `where`. An integer
  /// field does not take 1e300 or 2.5 (converting those would be undefined
  /// behaviour, not just a wrong value).
  template <typename Number>
  std::optional<Number> AsNumber(const nlohmann::json& v, const std::string& where) {
    if (!v.is_number()) {
      Fail(where, "expected a number");
      return std::nullopt;
    }
    if constexpr (std::is_integral_v<Number>) {
      if (v.is_number_float()) {
        double d = v.get<double>();
        if (!(d >= static_cast<double>(std::numeric_limits<Number>::min()) &&
              d <= static_cast<double>(std::numeric_limits<Number>::max())) ||
            d != static_cast<double>(static_cast<long long>(d))) {
          Fail(where, "expected a whole number in range");
          return std::nullopt;
        }
        return static_cast<Number>(d);
      }
      if (v.is_number_unsigned()
              ? v.get<std::uint64_t>() >
                    static_cast<std::uint64_t>(std::numeric_limits<Number>::max())
              : (v.get<std::int64_t>() <
                     static_cast<std::int64_t>(std::numeric_limits<Number>::min()) ||
                 v.get<std::int64_t>() >
                     static_cast<std::int64_t>(std::numeric_limits<Number>::max()))) {
        Fail(where, "number out of range");
        return std::nullopt;
      }
    }
    return v.get<Number>();
  }

 private:
  std::string Child(const char* key) const { return path_ + "/" + key; }

  bool Present(const char* key, bool required) {
    if (!ok()) return false;
    if (Has(key)) return true;
    if (required) Fail(Child(key), "missing");
    return false;
  }

  const nlohmann::json& value_;
  std::string path_;
  std::string* error_;
};

}  // namespace netfix::model
