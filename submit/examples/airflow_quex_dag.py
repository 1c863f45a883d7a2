"""Airflow DAG: each year on 1 March, fold the previous year into the Quex lake on a Spark cluster.

SparkSubmitOperator submits the thin jar (target/quex.jar; Spark is provided by the cluster) with
the project's Spark defaults. The run is incremental: unchanged years are reused, the panel is
rebuilt over every year and every model re-estimated; the lake's lock stops overlapping runs.
"""
from datetime import datetime

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

QUEX = "/opt/quex"

with DAG(
    dag_id="quex_reprocess",
    schedule="0 2 1 3 *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    tags=["quex"],
) as dag:
    SparkSubmitOperator(
        task_id="reprocess_previous_year",
        conn_id="spark_default",  # the cluster: spark://…, yarn or k8s://…
        application=f"{QUEX}/target/quex.jar",
        java_class="org.quex.cli.Quex",
        properties_file=f"{QUEX}/conf/spark-defaults.conf",
        application_args=[
            "run",
            "--raw", "hdfs:///data/quex/raw",
            "--lake", "hdfs:///data/quex/lake",
            "--results", "hdfs:///data/quex/results",
            "--years", "{{ data_interval_start.year }}",  # the run of 1 March Y+1 covers year Y
            "--incremental",
        ],
        driver_memory="16g",
        executor_memory="8g",
    )
