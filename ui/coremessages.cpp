#include "ui/coremessages.h"

#include "core/data/idx.h"
#include "core/data/png.h"
#include "core/data/presets.h"
#include "core/models/checkpoint.h"
#include "core/models/imagecheckpoint.h"
#include "core/models/registry.h"
#include "core/runtime/atomicfile.h"
#include "core/runtime/fileread.h"

#include <QCoreApplication>

namespace ds::ui {

namespace {

constexpr const char* kContext = "ds::ui::CoreMessages";

QString translate(const char* english) { return QCoreApplication::translate(kContext, english); }

// `lead` (a translated sentence) before core's English `detail`; in English, or where the lead
// has no translation, the detail alone (it says the same in more words).
QString withLead(const char* englishLead, const QString& detail) {
  const QString lead = translate(englishLead);
  if (lead == QString::fromUtf8(englishLead)) return detail;
  //: A translated sentence (%1) followed by the program's English detail (%2).
  return QCoreApplication::translate("ds::ui::CoreMessages", "%1 (%2)").arg(lead, detail);
}

// What kind of thing went wrong, for the error types of core a user meets; nullptr for others.
const char* leadOf(const std::exception& error) {
  const QString what = QString::fromUtf8(error.what());
  if (dynamic_cast<const ModelNotFound*>(&error)) return QT_TRANSLATE_NOOP("ds::ui::CoreMessages", "Model not found.");
  if (dynamic_cast<const CheckpointError*>(&error) || dynamic_cast<const ImageCheckpointError*>(&error))
    return QT_TRANSLATE_NOOP("ds::ui::CoreMessages",
                             "The checkpoint was refused: it is damaged, from a newer version, or of another kind.");
  if (dynamic_cast<const IdxError*>(&error)) {
    // loadFashionMnist's message when the folder is not there at all (core/data/idx.cpp).
    if (what.contains(QLatin1String("no such folder")))
      return QT_TRANSLATE_NOOP("ds::ui::CoreMessages",
                               "The Fashion-MNIST data set is not installed: install Debian's dataset-fashion-mnist "
                               "package.");
    return QT_TRANSLATE_NOOP("ds::ui::CoreMessages", "The data set could not be read.");
  }
  if (dynamic_cast<const PngError*>(&error))
    return QT_TRANSLATE_NOOP("ds::ui::CoreMessages", "The picture could not be read or written.");
  if (dynamic_cast<const FileReadError*>(&error))
    return QT_TRANSLATE_NOOP("ds::ui::CoreMessages", "The file could not be read.");
  if (dynamic_cast<const AtomicWriteError*>(&error))
    return QT_TRANSLATE_NOOP("ds::ui::CoreMessages", "The file could not be written.");
  if (dynamic_cast<const PresetError*>(&error))
    return QT_TRANSLATE_NOOP("ds::ui::CoreMessages", "The mixture presets could not be read.");
  return nullptr;
}

}  // namespace

QString deviceDisplayName(const QString& coreName) {
  // core/runtime/device.cpp, describeDevice: "CPU (1 thread)", "CPU (N threads)"; a GPU's name
  // ("CUDA:0 NVIDIA H200") is a name in every language.
  const QString prefix = QStringLiteral("CPU (");
  bool ok = false;
  const int threads = coreName.mid(prefix.size()).section(QLatin1Char(' '), 0, 0).toInt(&ok);
  if (!coreName.startsWith(prefix) || !ok) return coreName;
  return QCoreApplication::translate("ds::ui::CoreMessages", "CPU (%n thread(s))", nullptr, threads);
}

QString coreErrorMessage(const std::exception& error) {
  const QString detail = QString::fromUtf8(error.what());
  const char* lead = leadOf(error);
  return lead ? withLead(lead, detail) : detail;
}

QString mixtureErrorMessage(const QString& detail) {
  return withLead(QT_TRANSLATE_NOOP("ds::ui::CoreMessages",
                                    "The mixture was not understood: write each component as weight:mean:std and "
                                    "separate them with “;”."),
                  detail);
}

}  // namespace ds::ui
