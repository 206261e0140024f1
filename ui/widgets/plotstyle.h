#pragma once
// Shared look of the lesson plots: fonts, pens and markers in normal and presentation mode
// (presentation mode enlarges everything so a projected screen reads from the back row).

#include <QColor>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <algorithm>
#include <cmath>

class QCustomPlot;
class QCPTextElement;
class QFont;
class QFontMetrics;

class QCPColorGradient;

namespace ds::ui {

// In presentation mode the sizes are the full presentation sizes (tick labels 12 pt, axis labels
// 14 pt, pens ×2 …) times fontScale, but never below the normal sizes: the main window lowers the
// scale on a screen without room for the full sizes (MainWindow::fitPresentationFont; a 1280×800
// screen at QT_SCALE_FACTOR=1.5, which already enlarges everything by 1.5, has room for about the
// normal plot sizes). At kMinFontScale every size is the normal one.
struct PlotStyle {
  bool presentation = false;
  // How large presentation mode draws: 1 = the full presentation sizes, less on a small screen
  // (kMinFontScale..1). A negative value follows the application-wide scale, presentationFontScale(),
  // which the main window fits to its screen: lessons that keep a PlotStyle and restyle when the
  // main window calls their setPresentationMode again pick up the new scale.
  double fontScale = -1.0;

  static constexpr double kMinFontScale = 0.6;  // 12 pt × 0.6 ≈ 8 pt: the normal tick labels
  // The scale presentation-mode plots use by default (1 until the main window lowers it).
  static double presentationFontScale();
  static void setPresentationFontScale(double scale);

  double factor() const;  // the scale in effect, kMinFontScale..1
  double scale() const { return presentation ? std::max(1.0, 1.7 * factor()) : 1.0; }
  double pen(double base) const { return base * (presentation ? std::max(1.0, 2.0 * factor()) : 1.0); }
  double marker(double base) const { return base * (presentation ? std::max(1.0, 1.8 * factor()) : 1.0); }
  int tickPt() const { return sized(8, 12); }
  int labelPt() const { return sized(9, 14); }
  int titlePt() const { return sized(10, 14); }
  int legendPt() const { return sized(8, 11); }
  // A size made for the plots' fonts (a plot's minimum height or a column's width in pixels, a
  // read-out's point size):
  // `normal` outside presentation mode, `presentation` at the full presentation sizes, in between
  // in proportion to the scale (normal at kMinFontScale).
  int size(int normal, int presentation) const;

 private:
  // presentationPt × the scale, rounded, at least normalPt; normalPt outside presentation mode.
  int sized(int normalPt, int presentationPt) const {
    return presentation ? std::max(normalPt, int(std::lround(presentationPt * factor()))) : normalPt;
  }
};

// Applies fonts to every axis, colour scale, legend and title element of the plot.
void applyPlotStyle(QCustomPlot* plot, const PlotStyle& style);

// Sets the main axes' ranges so a data unit has the same length on both axes and the square
// [cx ± half] × [cy ± half] is fully visible (call from QCustomPlot::beforeReplot).
void fitSquare(QCustomPlot* plot, double cx, double cy, double half);

// Adds a bold title row above the plot's main axis rect.
QCPTextElement* addPlotTitle(QCustomPlot* plot, const QString& title);

// Under a title, the main axis rect keeps above it only the room its top y tick label overhangs
// (QCP's minimum margin is 15 px on every side); call after applyPlotStyle, whose fonts it uses.
void fitTopMargin(QCustomPlot* plot);

// While the timeline is scrubbed or played (frames closer than kFrameGapMs), plots draw curves,
// fills and markers without antialiasing: wide antialiased pens cost most of a frame in Qt's
// raster engine. kRestoreMs after the last frame everything is redrawn antialiased. A single
// jump (a click, a screenshot) is drawn antialiased right away.
class ScrubAntialiasing : public QObject {
 public:
  explicit ScrubAntialiasing(QObject* parent = nullptr);
  void addPlot(QCustomPlot* plot);
  void noteFrame();
  bool isFast() const { return m_fast; }

  static constexpr int kFrameGapMs = 120;
  static constexpr int kRestoreMs = 150;

 private:
  void setFast(bool fast);

  QList<QPointer<QCustomPlot>> m_plots;
  QElapsedTimer m_last;
  QTimer m_restore;
  bool m_fast = false;
};

// Moves the legend out of the axis rect into a row under the plot, filled in `columns` columns: at
// classroom font sizes an inset legend would cover most of a small plot.
void placeLegendBelow(QCustomPlot* plot, int columns);
// The height a legend placed below the plot needs with its entries in `columns` columns (rows of the
// tallest entry, the legend's margins and row spacing, the layout's gap above it): a plot whose
// minimum height leaves less squeezes the rows, and QCP draws each entry's text at full height, so
// the entries draw over each other. Entries counted: those in the legend now, at least `entries`.
int legendBelowHeight(const QCustomPlot* plot, int columns, int entries = 0);
// The narrowest the plot can be without cutting a legend entry: its widest entry stacked alone.
int legendBelowWidth(const QCustomPlot* plot);

// `text` broken into lines no wider than `width` where Unicode allows a line break (between words,
// and between any two Chinese characters, which have no spaces), at most `maxLines` lines; when
// text is left over, the last line is elided ("…"). A text that fits is one line.
QStringList wrapText(const QString& text, const QFont& font, int width, int maxLines);
// The width of the widest piece of `text` that cannot be broken (a word, one Chinese character):
// the narrowest a wrapped text can be.
int widestUnbreakable(const QString& text, const QFontMetrics& fm);
// The height of one line of text in `font`: in a Chinese interface, where lines hold Chinese
// characters from a fallback font (e.g. Noto Sans CJK) taller than the Latin font's height().
int textLineHeight(const QFont& font);

// A consistent palette across lessons.
namespace palette {
inline QColor data() { return QColor(31, 119, 180); }       // blue: q(x_t), particles
inline QColor posterior() { return QColor(214, 39, 40); }   // red: exact reverse posterior
inline QColor likelihood() { return QColor(44, 160, 44); }  // green: forward likelihood
inline QColor prior() { return QColor(127, 127, 127); }     // grey: prior q(x_{t-k})
inline QColor model() { return QColor(255, 127, 14); }      // orange: Gaussian model step
inline QColor learned() { return QColor(148, 52, 190); }    // purple: the learned network ε_θ
inline QColor cursor() { return QColor(230, 30, 30); }
}  // namespace palette

// The colour map of a data density over a 2-D plane (the 2-D and Inpaint 2-D lessons).
QCPColorGradient densityGradient();

}  // namespace ds::ui
