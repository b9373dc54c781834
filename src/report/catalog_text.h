// The catalog itself, rendered: `netfix checks` and `netfix explain ID`.
#pragma once

#include <string>

#include "check/catalog.h"
#include "model/lang.h"
#include "report/report.h"

namespace netfix::report {

/// One line per check: id, severity, area, title.
std::string CatalogText(const check::Catalog& catalog, model::Lang lang,
                        const TextOptions& options);

/// {"schema":"netfix.checks/1","checks":[{id, severity, area, needs, title}]}
std::string CatalogJson(const check::Catalog& catalog, model::Lang lang);

/// The whole catalog as a man page, netfix-checks(7): every check with
/// every text, its parameters and variants (man/netfix-checks.7 is this).
std::string CatalogMan(const check::Catalog& catalog, model::Lang lang);

/// Every text of one check, with its variants and parameters.
std::string ExplainText(const check::CheckInfo& info, model::Lang lang, const TextOptions& options);

}  // namespace netfix::report
