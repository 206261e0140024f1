#pragma once
// Texts that are not written in the C++ sources, shown in the user's language: core's names (the
// noise schedules, the toy data sets), the mixture presets of resources/presets/, and the titles and
// captions of the bundled lecture (resources/lessons/*.dslesson). displaynames.cpp lists their
// English words with QT_TRANSLATE_NOOP, so lupdate puts them into the .ts. At run time a text is
// looked up by its English words, so one that is not listed — a caption a user wrote, or a name
// changed without updating the list — is shown as it is (tests/ui/test_translation.cpp checks that
// every bundled name, preset, title and caption has a Chinese translation). Lesson files keep the
// English words; only what is shown is translated.

#include <QString>

#include <string>

namespace ds::ui {

// A schedule ("linear"), a toy data set's title or description, a mixture preset's name or
// description.
QString displayName(const QString& english);
QString displayName(const std::string& english);

// The title or caption of a bundled lesson file.
QString lectureText(const QString& english);

}  // namespace ds::ui
