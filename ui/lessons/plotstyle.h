#pragma once
// Shared look of the lesson plots: fonts, pens and markers in normal and presentation mode
// (presentation mode enlarges everything so a projected screen reads from the back row).

#include <QColor>
#include <QString>

class QCustomPlot;
class QCPTextElement;

namespace ds::ui {

struct PlotStyle {
  bool presentation = false;

  double scale() const { return presentation ? 1.7 : 1.0; }
  double pen(double base) const { return base * (presentation ? 2.0 : 1.0); }
  double marker(double base) const { return base * (presentation ? 1.8 : 1.0); }
  int tickPt() const { return presentation ? 14 : 8; }
  int labelPt() const { return presentation ? 16 : 9; }
  int titlePt() const { return presentation ? 17 : 10; }
  int legendPt() const { return presentation ? 13 : 8; }
};

// Applies fonts to every axis, colour scale, legend and title element of the plot.
void applyPlotStyle(QCustomPlot* plot, const PlotStyle& style);

// Adds a bold title row above the plot's main axis rect.
QCPTextElement* addPlotTitle(QCustomPlot* plot, const QString& title);

// A consistent palette across lessons.
namespace palette {
inline QColor data() { return QColor(31, 119, 180); }        // blue: q(x_t), particles
inline QColor posterior() { return QColor(214, 39, 40); }    // red: exact reverse posterior
inline QColor likelihood() { return QColor(44, 160, 44); }   // green: forward likelihood
inline QColor prior() { return QColor(127, 127, 127); }      // grey: prior q(x_{t-k})
inline QColor model() { return QColor(255, 127, 14); }       // orange: Gaussian model step
inline QColor cursor() { return QColor(230, 30, 30); }
}  // namespace palette

}  // namespace ds::ui
