import Vapor

/// The pages, under Vietnamese paths users can read and share: one table, patterns from `SiteURL`.
enum WebRoutes {
    static func register(_ app: any RoutesBuilder) {
        let obligation = ":obligation", reporter = ":reporter"
        app.get(SiteURL.asset(":file").pattern, use: StaticAssets.serve)
        app.get(SiteURL.home.pattern, use: HomePage.show)
        app.get(SiteURL.plan.pattern, use: PlanPage.show)
        app.get(SiteURL.tasks.pattern, use: TasksPage.show)
        app.get(SiteURL.task(code: ":code").pattern, use: TaskPage.show)
        app.post(SiteURL.taskUpdate(code: ":code").pattern, use: TaskPage.post)
        app.get(SiteURL.units.pattern, use: UnitPages.index)
        app.get(SiteURL.agency(name: ":name").pattern, use: UnitPages.agency)
        app.get(SiteURL.district(code: ":code").pattern, use: UnitPages.district)
        app.get(SiteURL.indicators.pattern, use: IndicatorsPage.show)
        app.get(SiteURL.figures.pattern, use: DataPages.index)
        app.get(SiteURL.reporterFigures(obligation: obligation, reporter: reporter).pattern, use: DataPages.show)
        app.post(SiteURL.reporterFigures(obligation: obligation, reporter: reporter).pattern, use: DataPages.save)
        app.post(SiteURL.figureStep(obligation: obligation, reporter: reporter).pattern, use: DataPages.step)
        app.get(SiteURL.figureTemplate(obligation: obligation, reporter: reporter).pattern, use: DataPages.template)
        app.on(.POST, SiteURL.figureTemplate(obligation: obligation, reporter: reporter).pattern,
               body: .collect(maxSize: ByteCount(value: Authentication.maxFormBytes)), use: DataPages.upload)
        app.get(SiteURL.communeGrid(obligation: obligation, district: reporter).pattern, use: CommuneGridPage.show)
        app.post(SiteURL.communeGrid(obligation: obligation, district: reporter).pattern, use: CommuneGridPage.save)
        app.post(SiteURL.communeGridApproval(obligation: obligation, district: reporter).pattern, use: CommuneGridPage.approve)
        app.get(SiteURL.surveys.pattern, use: SurveyPages.index)
        app.on(.POST, SiteURL.surveys.pattern, body: .collect(maxSize: ByteCount(value: SurveyPages.maxUploadBytes)), use: SurveyPages.upload)
        app.get(SiteURL.survey(year: ":year").pattern, use: SurveyPages.show)
        app.get(SiteURL.reports.pattern, use: ReportPages.index)
        app.get(SiteURL.reportObligation(obligation).pattern, use: ReportPages.obligation)
        app.get(SiteURL.reportDownload(obligation).pattern, use: ReportPages.download)
        app.get(SiteURL.admin.pattern, use: AdminPage.show)
        app.get(SiteURL.signIn.pattern, use: AuthPages.loginForm)
        app.post(SiteURL.signIn.pattern, use: AuthPages.login)
        app.post(SiteURL.signOut.pattern, use: AuthPages.logout)
        app.get(SiteURL.account.pattern, use: AuthPages.account)
        app.post(SiteURL.changePassword.pattern, use: AuthPages.changePassword)
        app.get(SiteURL.language.pattern, use: AuthPages.language)
    }
}
