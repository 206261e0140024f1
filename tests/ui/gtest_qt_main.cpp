// The shared main of the GUI tests: the studio's QApplication (with its safety net for exceptions
// in GUI code), offscreen unless a platform is set, then gtest.

#include "ui/studioapplication.h"

#include <gtest/gtest.h>

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  ds::ui::StudioApplication app(argc, argv);
  ds::ui::StudioApplication::setOrganizationName(QStringLiteral("DiffusionStudioTests"));
  ds::ui::StudioApplication::setApplicationName(QStringLiteral("Diffusion Studio Tests"));
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
