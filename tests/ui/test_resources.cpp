// The compiled-in resources (resources/resources.qrc): every icon renders through Qt's SVG plugin,
// tinted icons take the colour asked for, every file of resources/icons is compiled in, and the 2-D
// lesson's preset list is the one in resources/presets/mixtures2d.json.

#include "core/data/presets.h"
#include "ui/computecontext.h"
#include "ui/icons.h"
#include "ui/lessons/mixture2d/lesson2d.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QSet>

#include <gtest/gtest.h>

namespace {

QStringList resourceIconNames() {
  QStringList names;
  for (const QString& file : QDir(QStringLiteral(":/icons")).entryList({QStringLiteral("*.svg")}, QDir::Files))
    names << file.chopped(4);
  return names;
}

// How many pixels of the icon's 32×32 pixmap are at least half opaque.
int opaquePixels(const QIcon& icon) {
  const QImage image = icon.pixmap(32, 32).toImage().convertToFormat(QImage::Format_ARGB32);
  int count = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) count += qAlpha(image.pixel(x, y)) >= 128;
  return count;
}

TEST(Resources, EveryIconRendersAt32x32) {
  const QStringList names = resourceIconNames();
  ASSERT_GE(names.size(), 12) << "icons missing from resources.qrc: " << names.join(' ').toStdString();
  for (const QString& name : names) {
    SCOPED_TRACE(name.toStdString());
    const QIcon icon = ds::ui::svgIcon(name, Qt::black);
    ASSERT_FALSE(icon.isNull());
    const QPixmap pixmap = icon.pixmap(32, 32);
    ASSERT_FALSE(pixmap.isNull());
    EXPECT_EQ(pixmap.size(), QSize(32, 32));
    // A drawing, not an empty or fully filled square.
    const int opaque = opaquePixels(icon);
    EXPECT_GT(opaque, 32) << "almost nothing drawn";
  }
}

TEST(Resources, EveryIconFileOfTheSourceTreeIsCompiledIn) {
  const QDir sourceIcons(QStringLiteral(DS_RESOURCES_DIR "/icons"));
  ASSERT_TRUE(sourceIcons.exists()) << DS_RESOURCES_DIR;
  const QStringList files = sourceIcons.entryList({QStringLiteral("*.svg")}, QDir::Files);
  const QStringList names = resourceIconNames();
  const QSet<QString> compiled(names.begin(), names.end());
  for (const QString& file : files)
    EXPECT_TRUE(compiled.contains(file.chopped(4))) << file.toStdString() << " is not listed in resources.qrc";
  EXPECT_EQ(files.size(), compiled.size());
}

TEST(Resources, AppIconAndLessonIcons) {
  EXPECT_GT(opaquePixels(ds::ui::appIcon()), 32 * 32 / 2);  // a full tile
  for (const char* id : {"1d", "2d", "train"}) {
    SCOPED_TRACE(id);
    const QIcon icon = ds::ui::lessonIcon(QString::fromLatin1(id), QColor(0x2b, 0x6c, 0xb0));
    ASSERT_FALSE(icon.isNull());
    EXPECT_GT(opaquePixels(icon), 32 * 32 / 2);
  }
  EXPECT_TRUE(ds::ui::lessonIcon(QStringLiteral("no-such-lesson"), Qt::red).isNull());
  EXPECT_TRUE(ds::ui::svgIcon(QStringLiteral("no-such-icon")).isNull());
  EXPECT_FALSE(ds::ui::badgeIcon(QStringLiteral("Im"), Qt::darkGreen).pixmap(32, 32).isNull());
}

TEST(Resources, TintedIconsTakeTheColourAndStepIconsAreMirrored) {
  const QImage forward = ds::ui::stepIcon(true, QColor(255, 0, 0)).pixmap(32, 32).toImage();
  const QImage back = ds::ui::stepIcon(false, QColor(0, 0, 255)).pixmap(32, 32).toImage();
  ASSERT_EQ(forward.size(), QSize(32, 32));
  ASSERT_EQ(back.size(), QSize(32, 32));
  // ▶| : the bar is on the right (x ≈ 23), the triangle's flat side on the left (x ≈ 8).
  EXPECT_EQ(forward.pixelColor(23, 16).rgb(), QColor(255, 0, 0).rgb());
  EXPECT_EQ(forward.pixelColor(9, 16).rgb(), QColor(255, 0, 0).rgb());
  EXPECT_LT(forward.pixelColor(20, 8).alpha(), 64);  // the gap between the triangle's tip and the bar
  // |◀ : the same drawing mirrored.
  EXPECT_EQ(back.pixelColor(8, 16).rgb(), QColor(0, 0, 255).rgb());
  EXPECT_EQ(back.pixelColor(22, 16).rgb(), QColor(0, 0, 255).rgb());
  EXPECT_LT(back.pixelColor(11, 8).alpha(), 64);
}

TEST(Resources, TheLessonPresetComboListsTheJsonPresets) {
  QFile file(QStringLiteral(":/presets/mixtures2d.json"));
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const auto presets = ds::parseMixturePresets(file.readAll().toStdString(), 2, "mixtures2d.json");
  ASSERT_GE(presets.size(), 4u);

  ds::ui::ComputeContext context;
  context.setPreference(QStringLiteral("cpu"));
  ds::ui::Lesson2D lesson(&context);
  auto* combo = lesson.findChild<QComboBox*>(QStringLiteral("preset"));
  ASSERT_NE(combo, nullptr) << "the 2-D lesson has no combo box named \"preset\"";
  ASSERT_EQ(combo->count(), static_cast<int>(presets.size()));
  for (int i = 0; i < combo->count(); ++i) {
    SCOPED_TRACE(presets[i].name);
    EXPECT_EQ(combo->itemText(i).toStdString(), presets[i].name);
    EXPECT_EQ(combo->itemData(i).toString().toStdString(), presets[i].spec);
  }
  // The lesson opens on the first preset.
  EXPECT_EQ(ds::ui::Lesson2D::defaultSpec().toStdString(), presets.front().spec);
}

}  // namespace
