// libFuzzer target: the lesson-file reader (File → Open Lesson, drag and drop, `diffusion-studio
// FILE.dslesson`, Edit → Paste Lesson Link): ds::ui::LessonFile::fromBytes and ::fromLink, and the
// typed field reader (JsonFields, readPoints) that every lesson's applyState uses on "state".
//
// Besides crashes, sanitizer reports and hangs, the target aborts (a finding) when
//   - a refusal gives no message (the user would see an empty error), or
//   - a file that was accepted does not read back the same after writing it (toBytes) or after
//     sending it as a link (toLink): Save Lesson As and Copy Lesson Link must be lossless.

#include "ui/lessonfile.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <vector>

namespace {

using ds::ui::JsonFields;
using ds::ui::LessonFile;

const QStringList& knownLessons() {
  static const QStringList ids{"1d", "2d", "train", "images", "inpaint", "inpaint2d"};
  return ids;
}

// Reads "state" the way lessons do: typed, ranged fields and point lists, then finish() (unread keys).
void readState(const QJsonObject& state) {
  JsonFields f(state, QStringLiteral("state"));
  double number = 0;
  int integer = 0;
  qint64 seed = 0;
  bool flag = false;
  QString text;
  QJsonObject object;
  QJsonArray array;
  f.number(QStringLiteral("eta"), 0, 1, &number);
  f.integer(QStringLiteral("steps"), 2, 4000, &integer);
  f.integer(QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed);
  f.boolean(QStringLiteral("showPaths"), &flag);
  f.string(QStringLiteral("spec"), 4000, &text);
  f.choice(QStringLiteral("sampler"), {QStringLiteral("ddpm"), QStringLiteral("ddim")}, &text);
  if (f.object(QStringLiteral("schedule"), &object)) {
    JsonFields s(object, f.where(QStringLiteral("schedule")));
    s.number(QStringLiteral("betaStart"), 1e-6, 0.5, &number);
    s.finish();
  }
  for (int dim : {1, 2}) {
    const QString key = dim == 1 ? QStringLiteral("values") : QStringLiteral("points");
    if (f.array(key, 100000, &array)) {
      std::vector<double> points;
      QString error;
      if (!ds::ui::readPoints(array, dim, 1e6, 100000, f.where(key), &points, &error) && error.isEmpty()) std::abort();
      if (error.isEmpty() && points.size() != static_cast<std::size_t>(array.size()) * dim) std::abort();
    }
  }
  if (!f.finish() && f.error().isEmpty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  QString error;
  if (const auto file = LessonFile::fromBytes(bytes, knownLessons(), &error)) {
    QString again;
    const auto written = LessonFile::fromBytes(file->toBytes(), knownLessons(), &again);
    if (!written || written->toJson() != file->toJson()) std::abort();
    const auto linked = LessonFile::fromLink(file->toLink(), knownLessons(), &again);
    if (!linked || linked->toJson() != file->toJson()) std::abort();
    readState(file->state);
  } else if (error.isEmpty()) {
    std::abort();
  }
  QString linkError;
  if (!LessonFile::fromLink(QString::fromUtf8(bytes), knownLessons(), &linkError) && linkError.isEmpty()) std::abort();
  return 0;
}
