package dbmigrations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.RuntimeEnvironment;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DropTableChange;
import liquibase.changelog.ChangeLogIterator;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.filter.AlreadyRanChangeSetFilter;
import liquibase.changelog.filter.ChangeSetFilterResult;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.CountChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.changelog.visitor.ChangeSetVisitor;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;

/**
 * The tables that rolling back the last {@code count} changesets would drop while they still hold rows. It reads
 * the changesets the way Liquibase's rollbackCount picks them, so it guards exactly the run that follows, and it
 * needs no change to changesets that have shipped.
 */
final class DataLossGuard {

    private DataLossGuard() {
    }

    /** One line per table with rows, e.g. {@code 0001-create-users drops table users}; empty when nothing is lost. */
    static List<String> tablesWithRows(Database database, String changelog, String contexts, int count) throws Exception {
        List<String> losses = new ArrayList<>();
        for (ChangeSet changeSet : toRollBack(database, changelog, contexts, count)) {
            for (String table : droppedTables(changeSet)) {
                if (holdsRows(database, table)) {
                    losses.add(changeSet.getId() + " drops table " + table);
                }
            }
        }
        return losses;
    }

    private static List<ChangeSet> toRollBack(Database database, String changelog, String contexts, int count)
            throws Exception {
        ResourceAccessor resources = Scope.getCurrentScope().getResourceAccessor();
        ChangeLogParameters parameters = new ChangeLogParameters(database);
        parameters.setContexts(new Contexts(contexts));
        parameters.setLabels(new LabelExpression());
        DatabaseChangeLog changeLog = ChangeLogParserFactory.getInstance().getParser(changelog, resources)
                .parse(changelog, parameters, resources);
        List<RanChangeSet> ran = database.getRanChangeSetList();
        List<ChangeSet> picked = new ArrayList<>();
        ChangeSetVisitor collect = new ChangeSetVisitor() {
            @Override
            public Direction getDirection() {
                return Direction.REVERSE;
            }

            @Override
            public void visit(ChangeSet changeSet, DatabaseChangeLog log, Database db, Set<ChangeSetFilterResult> results) {
                picked.add(changeSet);
            }
        };
        new ChangeLogIterator(ran, changeLog, new AlreadyRanChangeSetFilter(ran),
                new ContextChangeSetFilter(parameters.getContexts()), new LabelChangeSetFilter(parameters.getLabels()),
                new IgnoreChangeSetFilter(), new DbmsChangeSetFilter(database), new CountChangeSetFilter(count))
                .run(collect, new RuntimeEnvironment(database, parameters.getContexts(), parameters.getLabels()));
        return picked;
    }

    /** An explicit rollback's dropTable changes, or the drop that Liquibase derives from a createTable. */
    private static List<String> droppedTables(ChangeSet changeSet) {
        List<String> tables = new ArrayList<>();
        if (changeSet.getRollback().getChanges().isEmpty()) {
            for (Change change : changeSet.getChanges()) {
                if (change instanceof CreateTableChange create) {
                    tables.add(create.getTableName());
                }
            }
        } else {
            for (Change change : changeSet.getRollback().getChanges()) {
                if (change instanceof DropTableChange drop) {
                    tables.add(drop.getTableName());
                }
            }
        }
        return tables;
    }

    private static boolean holdsRows(Database database, String table) throws Exception {
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        // A table already gone by hand holds nothing, and querying it would abort PostgreSQL's transaction.
        try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(),
                table, new String[] {"TABLE"})) {
            if (!tables.next()) {
                return false;
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.setMaxRows(1);
            try (ResultSet rows = statement.executeQuery("SELECT 1 FROM " + database.escapeTableName(null, null, table))) {
                return rows.next();
            }
        }
    }
}
