#pragma once
// Helpers the lessons share to read and write their lesson-file state (ui/lessonfile.h): the
// schedule kinds by name and 2-D mixtures as SPEC strings.

#include "core/gmm.h"
#include "core/schedule.h"
#include "ui/lessonfile.h"

#include <QCoreApplication>

#include <exception>

namespace ds::ui::state {

inline QStringList scheduleKinds() {
  QStringList names;
  for (const std::string& name : scheduleKindNames()) names << QString::fromStdString(name);
  return names;
}

inline QString scheduleName(ScheduleKind kind) { return QString::fromStdString(toString(kind)); }

// The schedule kind under `key` (absent: *kind unchanged).
inline bool readScheduleKind(JsonFields& f, const QString& key, ScheduleKind* kind) {
  QString name = scheduleName(*kind);
  if (!f.choice(key, scheduleKinds(), &name)) return false;
  *kind = parseScheduleKind(name.toStdString());
  return true;
}

// A mixture SPEC (core/gmm.h) of `dim`-dimensional components; absent: *mixture unchanged.
inline bool readMixtureSpec(JsonFields& f, const QString& key, int dim, GaussianMixture* mixture) {
  QString spec;
  if (!f.has(key)) return f.string(key, 0, &spec);  // marks it read
  if (!f.string(key, 20000, &spec)) return false;
  try {
    GaussianMixture m = GaussianMixture::parse(spec.toStdString());
    if (m.dim() != dim)
      return f.fail(QCoreApplication::translate("ds::ui::LessonFile", "“%1” must be a %2-D mixture, not %3-D.")
                        .arg(f.where(key))
                        .arg(dim)
                        .arg(m.dim()));
    *mixture = std::move(m);
    return true;
  } catch (const std::exception& e) {
    return f.fail(QCoreApplication::translate("ds::ui::LessonFile", "“%1” is not a valid mixture: %2")
                      .arg(f.where(key), QString::fromStdString(e.what())));
  }
}

}  // namespace ds::ui::state
