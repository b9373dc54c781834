// The report's style sheet, shared by every HTML page netfix writes (the
// report and `netfix diff`), so that they look alike.
#pragma once

namespace netfix::report {

/// The CSS of html.cc, without the <style> element.
const char* HtmlStyleSheet();

}  // namespace netfix::report
