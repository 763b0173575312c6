import Vapor

/// The pages, under Vietnamese paths users can read and share.
enum WebRoutes {
    static func register(_ app: any RoutesBuilder) {
        app.get("static", ":file", use: StaticAssets.serve)
        app.get(use: HomePage.show)
        app.get("ke-hoach", use: PlanPage.show)
        app.get("nhiem-vu", use: TasksPage.show)
        app.get("nhiem-vu", ":code", use: TaskPage.show)
        app.post("nhiem-vu", ":code", "cap-nhat", use: TaskPage.post)
        app.get("don-vi", use: UnitPages.index)
        app.get("don-vi", "co-quan", ":name", use: UnitPages.agency)
        app.get("don-vi", "huyen", ":code", use: UnitPages.district)
        app.get("chi-tieu", use: IndicatorsPage.show)
        app.get("so-lieu", use: DataPages.index)
        app.get("so-lieu", ":obligation", ":reporter", use: DataPages.show)
        app.post("so-lieu", ":obligation", ":reporter", use: DataPages.save)
        app.post("so-lieu", ":obligation", ":reporter", "buoc", use: DataPages.step)
        app.get("so-lieu", ":obligation", ":reporter", "excel", use: DataPages.template)
        app.on(.POST, "so-lieu", ":obligation", ":reporter", "excel", body: .collect(maxSize: ByteCount(value: Authentication.maxFormBytes)),
               use: DataPages.upload)
        app.get("so-lieu", ":obligation", ":reporter", "xa", use: CommuneGridPage.show)
        app.post("so-lieu", ":obligation", ":reporter", "xa", use: CommuneGridPage.save)
        app.post("so-lieu", ":obligation", ":reporter", "xa", "duyet", use: CommuneGridPage.approve)
        app.get("ho-gia-dinh", use: SurveyPages.index)
        app.on(.POST, "ho-gia-dinh", body: .collect(maxSize: ByteCount(value: SurveyPages.maxUploadBytes)), use: SurveyPages.upload)
        app.get("ho-gia-dinh", ":year", use: SurveyPages.show)
        app.get("bao-cao", use: ReportPages.index)
        app.get("bao-cao", ":obligation", use: ReportPages.obligation)
        app.get("bao-cao", ":obligation", "tai-ve", use: ReportPages.download)
        app.get("quan-tri", use: AdminPage.show)
        app.get("dang-nhap", use: AuthPages.loginForm)
        app.post("dang-nhap", use: AuthPages.login)
        app.post("dang-xuat", use: AuthPages.logout)
        app.get("tai-khoan", use: AuthPages.account)
        app.post("tai-khoan", "mat-khau", use: AuthPages.changePassword)
        app.get("ngon-ngu", use: AuthPages.language)
    }
}
