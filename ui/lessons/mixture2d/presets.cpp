#include "ui/lessons/mixture2d/presets.h"

#include "ui/displaynames.h"

#include "core/data/presets.h"

#include <QCoreApplication>
#include <QFile>

namespace ds::ui {

const std::vector<Mixture2DPreset>& mixture2DPresets() {
  // The presets are data, not code: resources/presets/mixtures2d.json, compiled into the resources
  // and checked by core's parser (tests/core/test_presets.cpp checks the file itself). Parsed once.
  static const std::vector<Mixture2DPreset> presets = []() -> std::vector<Mixture2DPreset> {
    const QString path = QStringLiteral(":/presets/mixtures2d.json");
    std::vector<MixturePreset> loaded;
    QFile file(path);
    try {
      if (!file.open(QIODevice::ReadOnly)) throw PresetError(path.toStdString() + ": cannot be read");
      loaded = parseMixturePresets(file.readAll().toStdString(), 2, path.toStdString());
    } catch (const PresetError& e) {
      // Only a broken build gets here; the lesson still opens, on a single standard normal.
      qCritical("%s", e.what());
      loaded = {{"Standard normal", "1:0,0:1", {}}};
    }
    std::vector<Mixture2DPreset> out;
    for (const MixturePreset& p : loaded)
      out.push_back({displayName(p.name), QString::fromStdString(p.spec), displayName(p.description)});
    return out;
  }();
  return presets;
}

}  // namespace ds::ui
