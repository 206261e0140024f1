// Export for slides: the GIF writer (giflib reads back what it wrote: frames, size, delay, the
// loop extension; failures name the file and leave nothing), File → Export Play as GIF on the real
// 1-D lesson (frames of the chosen width, the user's t put back, cancel leaves no file, the
// dialog's defaults), and the PNG/GIF showing the plots without the control column.

#include "ui/exportgifdialog.h"
#include "ui/gifwriter.h"
#include "ui/lessons/mixture1d/lesson1d.h"
#include "ui/mainwindow.h"
#include "ui/timeline.h"
#include "ui/widgets/controlsscroll.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <gif_lib.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

using ds::ui::Direction;
using ds::ui::ExportGifDialog;
using ds::ui::GifExportOptions;
using ds::ui::GifWriter;
using ds::ui::Lesson;
using ds::ui::Lesson1D;
using ds::ui::MainWindow;
using ds::ui::MainWindowOptions;

namespace {

constexpr int kJobTimeoutMs = 180000;

// What giflib reads back from a file.
struct ReadGif {
  bool ok = false;
  int width = 0, height = 0, frames = 0;
  std::vector<int> delays;  // per frame, 1/100 s
  bool loops = false;       // NETSCAPE2.0 with loop count 0
  std::vector<QImage> images;
};

bool isLoopExtension(const ExtensionBlock* blocks, int count) {
  for (int i = 0; i + 1 < count; ++i) {
    if (blocks[i].Function == APPLICATION_EXT_FUNC_CODE && blocks[i].ByteCount == 11 &&
        std::memcmp(blocks[i].Bytes, "NETSCAPE2.0", 11) == 0) {
      const ExtensionBlock& sub = blocks[i + 1];
      return sub.Function == CONTINUE_EXT_FUNC_CODE && sub.ByteCount == 3 && sub.Bytes[0] == 1 && sub.Bytes[1] == 0 &&
             sub.Bytes[2] == 0;
    }
  }
  return false;
}

ReadGif readGif(const QString& path) {
  ReadGif r;
  int code = 0;
  GifFileType* gif = DGifOpenFileName(QFile::encodeName(path).constData(), &code);
  if (!gif) return r;
  if (DGifSlurp(gif) == GIF_OK) {
    r.ok = true;
    r.width = gif->SWidth;
    r.height = gif->SHeight;
    r.frames = gif->ImageCount;
    r.loops = isLoopExtension(gif->ExtensionBlocks, gif->ExtensionBlockCount);
    for (int i = 0; i < gif->ImageCount; ++i) {
      const SavedImage& image = gif->SavedImages[i];
      r.loops = r.loops || isLoopExtension(image.ExtensionBlocks, image.ExtensionBlockCount);
      GraphicsControlBlock gcb{};
      r.delays.push_back(DGifSavedExtensionToGCB(gif, i, &gcb) == GIF_OK ? gcb.DelayTime : -1);
      const ColorMapObject* map = image.ImageDesc.ColorMap ? image.ImageDesc.ColorMap : gif->SColorMap;
      QImage out(image.ImageDesc.Width, image.ImageDesc.Height, QImage::Format_RGB32);
      for (int y = 0; map && y < out.height(); ++y)
        for (int x = 0; x < out.width(); ++x) {
          const GifColorType c = map->Colors[image.RasterBits[y * out.width() + x]];
          out.setPixel(x, y, qRgb(c.Red, c.Green, c.Blue));
        }
      r.images.push_back(out);
    }
  }
  DGifCloseFile(gif, &code);
  return r;
}

QImage filled(QSize size, QColor color) {
  QImage image(size, QImage::Format_ARGB32);
  image.fill(color);
  return image;
}

QStringList entries(const QTemporaryDir& dir) {
  return QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

}  // namespace

TEST(GifWriter, WritesALoopingAnimationThatGiflibReadsBack) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("colours.gif"));
  GifWriter writer;
  QString error;
  ASSERT_TRUE(writer.open(path, QSize(40, 30), 7, &error)) << error.toStdString();
  ASSERT_TRUE(writer.addFrame(filled(QSize(40, 30), Qt::red), &error)) << error.toStdString();
  ASSERT_TRUE(writer.addFrame(filled(QSize(80, 60), Qt::green), &error)) << error.toStdString();  // scaled
  QImage gradient(40, 30, QImage::Format_RGB32);
  for (int y = 0; y < 30; ++y)
    for (int x = 0; x < 40; ++x) gradient.setPixel(x, y, qRgb(x * 6, y * 8, 255 - x * 6));
  ASSERT_TRUE(writer.addFrame(gradient, &error)) << error.toStdString();
  EXPECT_FALSE(QFile::exists(path));  // not before finish()
  ASSERT_TRUE(writer.finish(&error)) << error.toStdString();
  EXPECT_EQ(entries(dir), QStringList{QStringLiteral("colours.gif")});  // no temporary file left

  const ReadGif gif = readGif(path);
  ASSERT_TRUE(gif.ok);
  EXPECT_EQ(gif.width, 40);
  EXPECT_EQ(gif.height, 30);
  EXPECT_EQ(gif.frames, 3);
  EXPECT_EQ(gif.delays, (std::vector<int>{7, 7, 7}));
  EXPECT_TRUE(gif.loops);
  ASSERT_EQ(gif.images.size(), 3u);
  EXPECT_EQ(gif.images[0].pixel(5, 5), qRgb(255, 0, 0));
  EXPECT_EQ(gif.images[1].pixel(20, 15), qRgb(0, 255, 0));
  const QRgb c = gif.images[2].pixel(30, 20);  // the quantised gradient is close to the original
  EXPECT_NEAR(qRed(c), 180, 24);
  EXPECT_NEAR(qGreen(c), 160, 24);
  EXPECT_NEAR(qBlue(c), 75, 24);
  EXPECT_EQ(ds::ui::gifDelayForFps(10), 10);
  EXPECT_EQ(ds::ui::gifDelayForFps(50), 2);
  EXPECT_EQ(ds::ui::gifDelayForFps(3), 33);
}

TEST(GifWriter, AMissingFolderFailsWithAMessageAndLeavesNothing) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("missing/folder/x.gif"));
  GifWriter writer;
  QString error;
  EXPECT_FALSE(writer.open(path, QSize(10, 10), 10, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("missing"))) << error.toStdString();
  EXPECT_TRUE(error.contains(QStringLiteral("x.gif"))) << error.toStdString();
  EXPECT_FALSE(writer.isOpen());
  EXPECT_FALSE(writer.addFrame(filled(QSize(10, 10), Qt::red), &error));
  EXPECT_FALSE(QFile::exists(path));
  EXPECT_TRUE(entries(dir).isEmpty());
}

TEST(GifWriter, CancelAndAnUnfinishedWriterLeaveAnExistingFileAsItWas) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("keep.gif"));
  {
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("old");
  }
  {
    GifWriter writer;
    QString error;
    ASSERT_TRUE(writer.open(path, QSize(16, 16), 10, &error));
    ASSERT_TRUE(writer.addFrame(filled(QSize(16, 16), Qt::blue), &error));
    writer.cancel();
    EXPECT_FALSE(writer.finish(&error));
  }
  {
    GifWriter writer;  // destroyed unfinished
    QString error;
    ASSERT_TRUE(writer.open(path, QSize(16, 16), 10, &error));
    ASSERT_TRUE(writer.addFrame(filled(QSize(16, 16), Qt::blue), &error));
  }
  {
    GifWriter writer;  // no frames: refused
    QString error;
    ASSERT_TRUE(writer.open(path, QSize(16, 16), 10, &error));
    EXPECT_FALSE(writer.finish(&error));
    EXPECT_TRUE(error.contains(QStringLiteral("keep.gif"))) << error.toStdString();
  }
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  EXPECT_EQ(f.readAll(), QByteArray("old"));
  EXPECT_EQ(entries(dir), QStringList{QStringLiteral("keep.gif")});
}

TEST(GifExport, FramesOfARange) {
  using ds::ui::gifTimesteps;
  EXPECT_EQ(gifTimesteps(0, 10, 3), (std::vector<int>{0, 3, 6, 9, 10}));
  EXPECT_EQ(gifTimesteps(0, 9, 3), (std::vector<int>{0, 3, 6, 9}));
  EXPECT_EQ(gifTimesteps(10, 0, 5), (std::vector<int>{10, 5, 0}));
  EXPECT_EQ(gifTimesteps(5, 5, 1), (std::vector<int>{5}));
  EXPECT_TRUE(gifTimesteps(0, 5, 0).empty());
}

namespace {

class LessonExport : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    MainWindowOptions o;
    o.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
    o.device = QStringLiteral("cpu");
    o.lessonFactory = [](ds::ui::ComputeContext* context, QWidget* parent) {
      return std::vector<Lesson*>{new Lesson1D(context, parent)};
    };
    window = std::make_unique<MainWindow>(o);
    window->resize(1200, 800);
    window->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get()));
    ASSERT_TRUE(window->waitForJobs(kJobTimeoutMs));
    QApplication::processEvents();
    ASSERT_TRUE(window->waitForJobs(kJobTimeoutMs));
    lesson = dynamic_cast<Lesson1D*>(window->currentLesson());
    ASSERT_NE(lesson, nullptr);
    ASSERT_TRUE(lesson->hasResult());
    steps = lesson->schedule().steps();
    ASSERT_GE(steps, 100);
  }
  void TearDown() override { window.reset(); }

  QStringList gifs() const {
    return QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot).filter(QStringLiteral(".gif"));
  }

  QTemporaryDir dir;
  std::unique_ptr<MainWindow> window;
  Lesson1D* lesson = nullptr;
  int steps = 0;
};

}  // namespace

TEST_F(LessonExport, PngAndGifShowThePlotsWithoutTheControlColumn) {
  QWidget* plots = window->plotsView();
  ASSERT_NE(plots, nullptr);
  EXPECT_NE(plots, lesson);
  EXPECT_TRUE(lesson->isAncestorOf(plots));
  EXPECT_TRUE(plots->findChildren<ds::ui::ControlsScrollArea*>().isEmpty());
  const auto columns = lesson->findChildren<ds::ui::ControlsScrollArea*>();
  ASSERT_FALSE(columns.isEmpty());
  EXPECT_LT(plots->width(), lesson->width() - columns.first()->width() + 1);

  const QString png = dir.filePath(QStringLiteral("view.png"));
  QString error;
  ASSERT_TRUE(window->exportViewPng(png, &error)) << error.toStdString();
  const QImage image(png);
  EXPECT_EQ(image.size(), plots->size() * plots->devicePixelRatioF());
}

TEST_F(LessonExport, PlaysATRangeIntoFramesOfTheChosenWidthAndPutsTBack) {
  window->timeline()->setTimestep(57);
  ASSERT_EQ(lesson->timestep(), 57);
  GifExportOptions o;
  o.from = 0;
  o.to = 100;
  o.step = 10;
  o.fps = 20;
  o.width = 320;
  o.path = dir.filePath(QStringLiteral("play.gif"));
  QList<int> seen;
  QString error;
  ASSERT_TRUE(window->exportPlayGif(o, &error, [&](int done, int total) {
    EXPECT_EQ(total, 11);
    seen << done;
    return true;
  })) << error.toStdString();
  EXPECT_EQ(seen.size(), 12);  // before each frame, and at the end
  EXPECT_EQ(seen.last(), 11);
  EXPECT_EQ(lesson->timestep(), 57);
  EXPECT_EQ(window->timeline()->timestep(), 57);
  EXPECT_EQ(gifs(), QStringList{QStringLiteral("play.gif")});

  const ReadGif gif = readGif(o.path);
  ASSERT_TRUE(gif.ok);
  EXPECT_EQ(gif.frames, 11);
  EXPECT_EQ(gif.width, 320);
  const QSize plots = window->plotsView()->size();
  EXPECT_NEAR(gif.height, 320.0 * plots.height() / plots.width(), 1.0);
  EXPECT_EQ(gif.delays, std::vector<int>(11, 5));
  EXPECT_TRUE(gif.loops);
  EXPECT_NE(gif.images.front(), gif.images.back());  // t = 0 and t = 100 look different

  // Out of range: refused, nothing written.
  o.to = steps + 1;
  o.path = dir.filePath(QStringLiteral("bad.gif"));
  EXPECT_FALSE(window->exportPlayGif(o, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("bad.gif"))) << error.toStdString();
  EXPECT_FALSE(QFile::exists(o.path));
}

TEST_F(LessonExport, CancelLeavesNoFileAndPutsTBack) {
  window->timeline()->setTimestep(33);
  GifExportOptions o;
  o.from = steps;
  o.to = 0;
  o.step = steps / 20;
  o.width = 200;
  o.path = dir.filePath(QStringLiteral("cancelled.gif"));
  QString error;
  EXPECT_FALSE(window->exportPlayGif(o, &error, [](int done, int) { return done < 3; }));
  EXPECT_TRUE(error.isEmpty()) << error.toStdString();
  EXPECT_TRUE(gifs().isEmpty());
  EXPECT_EQ(
      QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot).filter(QStringLiteral("cancelled")),
      QStringList());
  EXPECT_EQ(lesson->timestep(), 33);
}

TEST_F(LessonExport, TheMenuDialogDefaultsToTheWholeChainAndWritesTheGif) {
  window->timeline()->setDirection(Direction::Reverse);
  window->timeline()->setTimestep(250);
  QAction* action = window->findChild<QAction*>(QStringLiteral("exportGif"));
  ASSERT_NE(action, nullptr);
  const QString path = dir.filePath(QStringLiteral("menu.gif"));
  bool sawDialog = false;
  QTimer::singleShot(0, [&] {
    for (QWidget* w : QApplication::topLevelWidgets()) {
      auto* dialog = qobject_cast<ExportGifDialog*>(w);
      if (!dialog || !dialog->isVisible()) continue;
      sawDialog = true;
      const GifExportOptions o = dialog->options();
      EXPECT_EQ(o.from, steps);  // reverse: T → 0
      EXPECT_EQ(o.to, 0);
      EXPECT_EQ(o.fps, 10);
      EXPECT_EQ(o.width,
                std::clamp(window->plotsView()->width(), ExportGifDialog::kMinWidth, ExportGifDialog::kMaxWidth));
      EXPECT_TRUE(o.path.endsWith(QStringLiteral(".gif")));
      dialog->stepBox()->setValue(steps / 4);
      dialog->widthBox()->setValue(240);
      dialog->fpsBox()->setValue(25);
      dialog->pathEdit()->setText(QDir::toNativeSeparators(path));
      EXPECT_TRUE(dialog->summaryLabel()->text().startsWith(QStringLiteral("5 frames of 240 × ")))
          << dialog->summaryLabel()->text().toStdString();
      dialog->accept();
    }
  });
  action->trigger();
  EXPECT_TRUE(sawDialog);
  const ReadGif gif = readGif(path);
  ASSERT_TRUE(gif.ok);
  EXPECT_EQ(gif.frames, 5);
  EXPECT_EQ(gif.width, 240);
  EXPECT_EQ(gif.delays, std::vector<int>(5, 4));
  EXPECT_EQ(lesson->timestep(), 250);
}
